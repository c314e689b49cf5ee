namespace UsocHil.Records;

/// <summary>
/// A nonconformance report as drafted by the harness (ECSS-Q-ST-10-09C 5.1): what item, in which configuration, at
/// which step, against which requirement, expected against observed (with its uncertainty), the evidence in the
/// archive, the containment already done, and the class the harness proposes. A person completes and signs it.
/// </summary>
public sealed record NonconformanceDraft
{
    public required string Id { get; init; }

    /// <summary>The item under test: rig and unit serial.</summary>
    public required string Item { get; init; }

    /// <summary>The set-up: station, sequence, references, software.</summary>
    public required string Configuration { get; init; }

    public required string Step { get; init; }

    /// <summary>The requirement the verdict verifies, where the expectation names one.</summary>
    public string? Requirement { get; init; }

    public required string Expected { get; init; }

    public required string Observed { get; init; }

    /// <summary>Where the evidence is: the archive and the run.</summary>
    public required string Evidence { get; init; }

    /// <summary>What the harness already did to contain it ("rig safed at ...").</summary>
    public required string Containment { get; init; }

    /// <summary>major or minor, as proposed; a review board decides.</summary>
    public required string ProposedClass { get; init; }
}
