namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>
/// Command numbers of pigpio's socket interface (pigpio.h, "Socket Interface"): a request is four little-endian uint32
/// (cmd, p1, p2, p3, where p3 is the length of any extension bytes that follow), the response echoes cmd, p1, p2 and
/// puts the result in the fourth word, negative on error.
/// </summary>
internal enum PigpioCommand : uint
{
    Modes = 0,
    Modeg = 1,
    Pud = 2,
    Read = 3,
    Write = 4,
    Pwm = 5,
    Prs = 6,
    Pfs = 7,
    Servo = 8,
    Br1 = 10,
    Br2 = 11,
    Bc1 = 12,
    Bc2 = 13,
    Bs1 = 14,
    Bs2 = 15,
    Tick = 16,
    Hwver = 17,
    No = 18,
    Nb = 19,
    Np = 20,
    Nc = 21,
    Prg = 22,
    Pfg = 23,
    Prrg = 24,
    Pigpv = 26,
    Proc = 38,
    Procd = 39,
    Procr = 40,
    Procs = 41,
    Procp = 45,
    Gdc = 83,
    Gpw = 84,
    Hp = 86,
    Fg = 97,
    Fn = 98,
    Noib = 99,
    Fo = 104,
    Fc = 105,
    Fr = 106,
    Fw = 107,
    Fs = 108,
    Fl = 109,
    Shell = 110,
    Procu = 117,
}
