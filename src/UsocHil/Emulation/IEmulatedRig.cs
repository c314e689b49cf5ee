using UsocHil.Description;
using UsocHil.Rigs;

namespace UsocHil.Emulation;

/// <summary>
/// A running emulation of a whole rig (payload, instruments, discrete lines), serving the same operating-system
/// interfaces as the hardware: the harness opens <see cref="Binding"/> exactly as it would a bench. Disposing it
/// closes every endpoint.
/// </summary>
public interface IEmulatedRig : IAsyncDisposable
{
    /// <summary>Where the emulator's endpoints are, as a station binding (not "emulated": it is opened as hardware).</summary>
    RigBinding Binding { get; }

    /// <summary>The rig's lines driven in-process, for an emulator that serves no GPIO endpoint; null when it does.</summary>
    IRigLines? Lines { get; }

    /// <summary>One line per endpoint served ("payload (PUS)  serial /dev/pts/4  tcp 127.0.0.1:40123"), for <c>emulate</c>.</summary>
    IReadOnlyList<string> Endpoints { get; }
}
