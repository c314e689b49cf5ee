using System.Globalization;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Instruments;

/// <summary>Program messages as IEEE 488.2 and SCPI-99 write them: compound headers, numbers, suffixes, Booleans.</summary>
public sealed class ScpiProgramMessageTests
{
    [Test]
    public void Execute_CompoundQuery_SecondHeaderKeepsThePath()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("VOLT 28;CURR 25;OUTP ON");
        driver.Bench.Run(b => b.Supply.Load(3.0));

        Assert.That(supply.Execute("MEAS:VOLT?;CURR?"), Is.EqualTo("28.0000;3.0000"));
        Assert.That(supply.Execute("MEAS:VOLT?;:CURR?"), Is.EqualTo("28.0000;25.0000"), "a leading colon goes back to the root");
        Assert.That(supply.Execute("MEAS:VOLT?;*IDN?;CURR?")!.Split(';')[^1], Is.EqualTo("3.0000"), "a common command leaves the path alone");
        Assert.That(supply.Execute("SOUR:VOLT 12;CURR 5;:SOUR:VOLT?;CURR?"), Is.EqualTo("12.0000;5.0000"));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void Execute_RelativeHeaderOutsideThePath_IsUndefined()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        Assert.That(supply.Execute("MEAS:VOLT?;OUTP?"), Is.EqualTo("0.0000"));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("-113,\"Undefined header\""));
    }

    [TestCase("VOLT 24000mV", 24.0)]
    [TestCase("VOLT 24000 MV", 24.0)]
    [TestCase("VOLT 2.4E1V", 24.0)]
    [TestCase("VOLT 2.4 e 1", 24.0)]
    [TestCase("VOLT 0.0125 kV", 12.5)]
    [TestCase("VOLT #H1A", 26.0)]
    [TestCase("VOLT #q17", 15.0)]
    [TestCase("VOLT #B1010", 10.0)]
    [TestCase("VOLT MAX", 32.0)]
    [TestCase("VOLT MINimum", 0.0)]
    [TestCase("volt 5;VOLT DEF", 0.0)]
    [TestCase("SOURce:VOLTage:LEVel:IMMediate:AMPLitude +7.", 7.0)]
    public void Execute_NumericForms_SetTheVoltage(string command, double volts)
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        supply.Execute(command);

        Assert.That(driver.Bench.Run(b => b.Supply.VoltageSetpoint), Is.EqualTo(volts).Within(1e-9));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [TestCase("VOLT? MAX", "32.0000")]
    [TestCase("VOLT? MIN", "0.0000")]
    [TestCase("CURR? DEF", "30.0000")]
    [TestCase("CURR? MAXIMUM;VOLT? DEFAULT", "30.0000;0.0000")]
    public void Execute_QueryWithLimit_AnswersTheLimit(string query, string answer)
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        Assert.That(supply.Execute(query), Is.EqualTo(answer));
    }

    [TestCase("OUTP 2", true)]
    [TestCase("OUTP 0.5", true)]
    [TestCase("OUTP 0.49", false)]
    [TestCase("OUTP -1", true)]
    [TestCase("OUTP on", true)]
    [TestCase("OUTP1 ON", true)]
    [TestCase("OUTP:STAT OFF", false)]
    [TestCase("OUTP #H0", false)]
    public void Execute_BooleanForms_SwitchTheOutput(string command, bool on)
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        supply.Execute("VOLT 28;OUTP " + (on ? "OFF" : "ON"));

        supply.Execute(command);

        Assert.That(supply.Execute("OUTP?"), Is.EqualTo(on ? "1" : "0"));
        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void Execute_SyntaxErrorMidMessage_RestOfMessageNotExecuted()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        supply.Execute("VOLT 5;VOLT 1 2;VOLT 9");

        Assert.That(supply.Execute("VOLT?;SYST:ERR?"), Is.EqualTo("5.0000;-102,\"Syntax error\""));
    }

    [Test]
    public void Execute_ParameterTooLong_TooMuchData()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);

        supply.Execute("VOLT " + new string('1', 300));

        Assert.That(supply.Execute("SYST:ERR?;:VOLT?"), Is.EqualTo("-223,\"Too much data\";0.0000"));
    }

    [Test]
    public void Headers_BothInstruments_ServeTheRequiredCommonAndScpiCommands()
    {
        using var driver = BenchDriver.Create();
        string[] required =
        [
            "*CLS", "*ESE", "*ESE?", "*ESR?", "*IDN?", "*OPC", "*OPC?", "*RST", "*SRE", "*SRE?", "*STB?", "*TST?", "*WAI",
            "SYSTem:ERRor[:NEXT]?", "SYSTem:ERRor:COUNt?", "SYSTem:VERSion?", "STATus:OPERation[:EVENt]?", "STATus:OPERation:CONDition?",
            "STATus:OPERation:ENABle", "STATus:QUEStionable[:EVENt]?", "STATus:QUEStionable:CONDition?", "STATus:QUEStionable:ENABle", "STATus:PRESet",
        ];

        Assert.That(new PowerSupplyScpi(driver.Bench).Headers, Is.SupersetOf(required));
        Assert.That(new MultimeterScpi(driver.Bench, "X", 1).Headers, Is.SupersetOf(required));
        Assert.That(double.Parse(new MultimeterScpi(driver.Bench, "X", 1).Execute("MEAS:TEMP?;FRES?")!.Split(';')[1], CultureInfo.InvariantCulture), Is.GreaterThan(100));
    }
}
