namespace UsocHil.Framing.Ccsds;

/// <summary>Segmentation of a user data unit over packets (CCSDS 133.0-B-2 §4.1.3.4.2.2).</summary>
public enum SequenceFlags
{
    Continuation = 0,
    First = 1,
    Last = 2,
    Unsegmented = 3,
}
