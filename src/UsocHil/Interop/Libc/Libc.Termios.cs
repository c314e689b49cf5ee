using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    // glibc's struct termios on Linux (x86-64, arm64, arm): four tcflag_t, c_line, NCCS = 32 control characters, two speeds.
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct Termios
    {
        public uint IFlag;
        public uint OFlag;
        public uint CFlag;
        public uint LFlag;
        public byte Line;
        public fixed byte ControlChars[32];
        public uint ISpeed;
        public uint OSpeed;
    }

    // c_iflag
    internal const uint IGNPAR = 0x4;
    internal const uint INPCK = 0x10;
    internal const uint IXON = 0x400;
    internal const uint IXANY = 0x800;
    internal const uint IXOFF = 0x1000;

    // c_cflag (octal in <bits/termios-c_cflag.h>)
    internal const uint CSIZE = 0x30;
    internal const uint CS5 = 0x0;
    internal const uint CS6 = 0x10;
    internal const uint CS7 = 0x20;
    internal const uint CS8 = 0x30;
    internal const uint CSTOPB = 0x40;
    internal const uint CREAD = 0x80;
    internal const uint PARENB = 0x100;
    internal const uint PARODD = 0x200;
    internal const uint HUPCL = 0x400;
    internal const uint CLOCAL = 0x800;
    internal const uint CMSPAR = 0x40000000;
    internal const uint CRTSCTS = 0x80000000;

    // c_cc indices
    internal const int VTIME = 5;
    internal const int VMIN = 6;

    internal const int TCSANOW = 0;
}
