using System.Runtime.InteropServices;
using UsocHil.Interop.Libc;
using UsocHil.Description;

namespace UsocHil.Links.Serial;

/// <summary>Puts a tty in raw mode with the rig's line settings through termios.</summary>
internal static class TerminalSettings
{
    /// <summary>Raw mode only: what a pty needs so bytes pass unchanged (no echo, no CR/LF translation).</summary>
    public static void MakeRaw(int fd, string endpoint)
    {
        Libc.Termios termios = Get(fd, endpoint);
        Libc.CfMakeRaw(ref termios);
        SetBlockingRead(ref termios);
        Set(fd, endpoint, termios);
    }

    /// <summary>Raw mode with baud, character size, parity, stop bits and flow control.</summary>
    public static void Apply(int fd, string endpoint, SerialSettings settings)
    {
        Libc.Termios termios = Get(fd, endpoint);
        Libc.CfMakeRaw(ref termios);
        SetBlockingRead(ref termios);
        if (!BaudConstants.TryGet(settings.Baud, out uint speed))
        {
            throw new LinkException(endpoint, $"baud rate {settings.Baud} is not a standard termios speed");
        }

        if (Libc.CfSetSpeed(ref termios, speed) != 0)
        {
            throw new LinkException(endpoint, "cfsetspeed failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        termios.CFlag &= ~(Libc.CSIZE | Libc.CSTOPB | Libc.PARENB | Libc.PARODD | Libc.CMSPAR | Libc.CRTSCTS | Libc.HUPCL);
        termios.CFlag |= Libc.CREAD | Libc.CLOCAL | CharacterSize(settings.DataBits, endpoint) | Parity(settings.Parity, endpoint);
        termios.IFlag &= ~(Libc.IXON | Libc.IXOFF | Libc.IXANY | Libc.INPCK);
        if (!settings.Parity.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            termios.IFlag |= Libc.INPCK;
        }

        // termios has no 1.5: CSTOPB means 1.5 stop bits with 5-bit characters and 2 otherwise.
        if (settings.StopBits > 1)
        {
            termios.CFlag |= Libc.CSTOPB;
        }

        switch (settings.FlowControl.ToLowerInvariant())
        {
            case "none":
                break;
            case "rtscts":
                termios.CFlag |= Libc.CRTSCTS;
                break;
            case "xonxoff":
                termios.IFlag |= Libc.IXON | Libc.IXOFF;
                break;
            default:
                throw new LinkException(endpoint, $"unknown flow control '{settings.FlowControl}'");
        }

        Set(fd, endpoint, termios);
    }

    private static unsafe void SetBlockingRead(ref Libc.Termios termios)
    {
        termios.ControlChars[Libc.VMIN] = 1;
        termios.ControlChars[Libc.VTIME] = 0;
    }

    private static uint CharacterSize(int dataBits, string endpoint) => dataBits switch
    {
        5 => Libc.CS5,
        6 => Libc.CS6,
        7 => Libc.CS7,
        8 => Libc.CS8,
        _ => throw new LinkException(endpoint, $"{dataBits} data bits are not possible"),
    };

    private static uint Parity(string parity, string endpoint) => parity.ToLowerInvariant() switch
    {
        "none" => 0,
        "even" => Libc.PARENB,
        "odd" => Libc.PARENB | Libc.PARODD,
        "mark" => Libc.PARENB | Libc.PARODD | Libc.CMSPAR,
        "space" => Libc.PARENB | Libc.CMSPAR,
        _ => throw new LinkException(endpoint, $"unknown parity '{parity}'"),
    };

    private static Libc.Termios Get(int fd, string endpoint)
    {
        if (Libc.TcGetAttr(fd, out Libc.Termios termios) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new LinkException(endpoint, (errno == Libc.ENOTTY ? "not a terminal: " : "tcgetattr failed: ") + Libc.Describe(errno));
        }

        return termios;
    }

    private static void Set(int fd, string endpoint, in Libc.Termios termios)
    {
        if (Libc.TcSetAttr(fd, Libc.TCSANOW, termios) != 0)
        {
            throw new LinkException(endpoint, "tcsetattr failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }
    }
}
