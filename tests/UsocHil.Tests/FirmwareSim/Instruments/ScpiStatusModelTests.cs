using UsocHil.FirmwareSim.Instruments;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Instruments;

/// <summary>The IEEE 488.2 status model and the SCPI-99 required commands on the emulated supply and multimeter.</summary>
public sealed class ScpiStatusModelTests
{
    [Test]
    public void Execute_AfterPowerOn_EsrHasPonThenReadsClear()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        Assert.That(supply.Execute("*ESR?"), Is.EqualTo("128"));
        Assert.That(supply.Execute("*ESR?"), Is.EqualTo("0"));
    }

    [TestCase("FOO:BAR", 32, "-113,\"Undefined header\"")]
    [TestCase("VOLT 99", 16, "-222,\"Data out of range\"")]
    [TestCase("*IDN? 3", 32, "-108,\"Parameter not allowed\"")]
    [TestCase("VOLT", 32, "-109,\"Missing parameter\"")]
    [TestCase("VOLT 28 Q", 32, "-131,\"Invalid suffix\"")]
    [TestCase("VOLT 28 A", 32, "-131,\"Invalid suffix\"")]
    [TestCase("VOLT,28", 32, "-102,\"Syntax error\"")]
    [TestCase("OUTP2 ON", 32, "-114,\"Header suffix out of range\"")]
    [TestCase("OUTP MAYBE", 16, "-224,\"Illegal parameter value\"")]
    [TestCase("VOLT? LOTS", 16, "-224,\"Illegal parameter value\"")]
    [TestCase("VOLT INF", 16, "-222,\"Data out of range\"")]
    [TestCase("SOURCEVOLTAGE:X 1", 32, "-112,\"Program mnemonic too long\"")]
    public void Execute_Error_SetsItsEventBitAndQueuesItsCode(string command, int bit, string entry)
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("*CLS;*ESE 60;*SRE 36");

        supply.Execute(command);

        Assert.That(supply.Execute("*STB?"), Is.EqualTo((4 | 32 | 64).ToString(System.Globalization.CultureInfo.InvariantCulture)), "EAV, ESB and MSS");
        Assert.That(supply.Execute("SYST:ERR:COUN?"), Is.EqualTo("1"));
        Assert.That(supply.Execute("*ESR?"), Is.EqualTo(bit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo(entry));
        Assert.That(supply.Execute("*STB?"), Is.EqualTo("0"));
    }

    [Test]
    public void Execute_Opc_SetsOperationCompleteAndClsClearsIt()
    {
        using var driver = BenchDriver.Create();
        var dmm = new MultimeterScpi(driver.Bench, "DMM1", 1);
        dmm.Execute("*CLS;*ESE 1");

        dmm.Execute("*OPC");

        Assert.That(dmm.Execute("*STB?"), Is.EqualTo("32"));
        Assert.That(dmm.Execute("*ESR?"), Is.EqualTo("1"));
        dmm.Execute("*OPC;*CLS");
        Assert.That(dmm.Execute("*ESR?;*ESE?;*SRE?"), Is.EqualTo("0;1;0"));
    }

    [Test]
    public void Execute_StbAfterAQueryInTheSameMessage_ReportsMessageAvailable()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("*CLS");

        Assert.That(supply.Execute("*IDN?;*STB?")!.Split(';')[^1], Is.EqualTo("16"));
        Assert.That(supply.Execute("*STB?"), Is.EqualTo("0"));
    }

    [Test]
    public void Execute_SreBit6_CannotBeEnabled()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        supply.Execute("*SRE 255;*ESE #HFF");

        Assert.That(supply.Execute("*SRE?;*ESE?"), Is.EqualTo("191;255"));
        supply.Execute("*SRE 256");
        Assert.That(supply.Execute("SYST:ERR?;*SRE?"), Is.EqualTo("-222,\"Data out of range\";191"));
    }

    [Test]
    public void Execute_RequiredScpiCommands_Answer()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        Assert.That(supply.Execute("SYST:VERS?;*TST?;:STAT:OPER?;OPER:COND?;:STAT:QUES:ENAB 2;ENAB?"), Is.EqualTo("1999.0;0;0;0;2"));
        supply.Execute("STAT:PRES");
        Assert.That(supply.Execute("STATus:QUEStionable:ENABle?;:STAT:OPER:ENAB?"), Is.EqualTo("0;0"));
    }

    [Test]
    public void Execute_OutputTrip_LatchesQuestionableCurrentIntoTheStatusByte()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("*CLS;STAT:QUES:ENAB 2;:VOLT 28;:OUTP ON");

        driver.Bench.Run(b => b.Supply.Trip("test"));

        Assert.That(int.Parse(supply.Execute("*STB?")!, System.Globalization.CultureInfo.InvariantCulture) & (8 | 4), Is.EqualTo(8 | 4), "QUES summary and EAV");
        Assert.That(supply.Execute("STAT:QUES:COND?;:STAT:QUES?;:STAT:QUES?"), Is.EqualTo("2;2;0"));
        Assert.That(supply.Execute("*ESR?"), Is.EqualTo("8"), "a device error is DDE");
    }

    [Test]
    public void Execute_SixteenErrors_LastEntryIsQueueOverflow()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("*CLS");

        for (int i = 0; i < 20; i++)
        {
            supply.Execute("NOPE");
        }

        Assert.That(supply.Execute("SYST:ERR:COUN?"), Is.EqualTo("16"));
        string[] entries = [.. Enumerable.Range(0, 17).Select(_ => supply.Execute("SYST:ERR?")!)];
        Assert.That(entries[14], Is.EqualTo("-113,\"Undefined header\""));
        Assert.That(entries[15], Is.EqualTo("-350,\"Queue overflow\""));
        Assert.That(entries[16], Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void InputOverrun_QueuesMinus363AndSetsDde()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("*CLS");

        supply.InputOverrun();

        Assert.That(supply.Execute("*ESR?;SYST:ERR?"), Is.EqualTo("8;-363,\"Input buffer overrun\""));
    }
}
