namespace UsocHil.Interop.Libc;

/// <summary>Linux termios speed constants (B9600 and friends): termios takes these codes, not baud numbers.</summary>
internal static class BaudConstants
{
    private static readonly Dictionary<int, uint> Codes = new()
    {
        [50] = 1, [75] = 2, [110] = 3, [134] = 4, [150] = 5, [200] = 6, [300] = 7, [600] = 8,
        [1200] = 9, [1800] = 10, [2400] = 11, [4800] = 12, [9600] = 13, [19200] = 14, [38400] = 15,
        [57600] = 0x1001, [115200] = 0x1002, [230400] = 0x1003, [460800] = 0x1004, [500000] = 0x1005,
        [576000] = 0x1006, [921600] = 0x1007, [1000000] = 0x1008, [1152000] = 0x1009, [1500000] = 0x100A,
        [2000000] = 0x100B, [2500000] = 0x100C, [3000000] = 0x100D, [3500000] = 0x100E, [4000000] = 0x100F,
    };

    public static bool TryGet(int baud, out uint code) => Codes.TryGetValue(baud, out code);
}
