using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    internal const int PR_SET_TIMERSLACK = 29;

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library, EntryPoint = "nanosleep", SetLastError = true)]
    internal static unsafe partial int NanoSleep(TimeSpec* duration, TimeSpec* remaining);

    /// <summary>prctl with one argument, as PR_SET_TIMERSLACK takes it (the slack of this thread's sleeps, ns).</summary>
    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint argument);
}
