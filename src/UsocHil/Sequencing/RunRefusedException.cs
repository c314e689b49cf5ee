namespace UsocHil.Sequencing;

/// <summary>A run refused by one of its guards before anything was opened or powered; the message says why in one line.</summary>
public class RunRefusedException(string message) : Exception(message);
