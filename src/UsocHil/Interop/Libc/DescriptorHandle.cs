using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

/// <summary>
/// Owns a raw file descriptor so that it is closed exactly once, and never while a read or write still uses its number
/// (a reused descriptor number would otherwise receive another file's bytes).
/// </summary>
internal sealed class DescriptorHandle : SafeHandle
{
    public DescriptorHandle(int fd)
        : base(-1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
