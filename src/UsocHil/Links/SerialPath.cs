namespace UsocHil.Links;

/// <summary>Which serial implementation a binding uses: the station's <c>path</c> word, resolved.</summary>
public enum SerialPath
{
    /// <summary>The tty's file descriptor with termios (<see cref="Serial.TtyLink"/>), Linux only.</summary>
    Fast,

    /// <summary>System.IO.Ports (<see cref="Serial.SerialPortLink"/>), everywhere.</summary>
    Portable,
}
