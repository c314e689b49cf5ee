using Serilog;
using UsocHil.Description;
using UsocHil.Rigs;
using UsocHil.Safing;

namespace UsocHil.Sequencing;

/// <summary>What a run was given besides its plan: the rig and how to open it, the operator's options, the observer, the clock, safing and the log.</summary>
internal sealed record RunSetup(
    RigDefinition Rig,
    Func<CancellationToken, Task<IRigSession>> Connect,
    RunOptions Options,
    IRunObserver Observer,
    TimeProvider Time,
    RigSafing Safing,
    ILogger Log);
