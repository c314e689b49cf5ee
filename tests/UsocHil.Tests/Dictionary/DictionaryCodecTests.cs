using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;

namespace UsocHil.Tests.Dictionary;

public sealed class DictionaryCodecTests
{
    private static DictionaryCodec Codec => new(TestRigs.Furnace().Dictionary, (ushort)TestRigs.Furnace().Apid, new PusCodec(TestRigs.Furnace().Profile));

    [Test]
    public void EncodeCommand_ArgumentBelowRange_RefusesNamingArgumentAndRange()
    {
        var e = Assert.Throws<CommandArgumentException>(() => Codec.EncodeCommand("SET_HOUSEKEEPING_INTERVAL", new Dictionary<string, double> { ["structureId"] = 1, ["intervalMs"] = 10 }));

        Assert.That(e!.Argument, Is.EqualTo("intervalMs"));
        Assert.That(e.Message, Does.Contain("intervalMs = 10 ms").And.Contain("[50, 60000] ms"));
    }

    [Test]
    public void EncodeCommand_UnknownCommand_Refuses() =>
        Assert.That(() => Codec.EncodeCommand("MELT_EVERYTHING"), Throws.TypeOf<CommandArgumentException>().With.Message.Contains("MELT_EVERYTHING"));

    [Test]
    public void EncodeCommand_UnknownArgument_RefusesNamingIt() =>
        Assert.That(() => Codec.EncodeCommand("HEATER_ON", new Dictionary<string, double> { ["power"] = 3 }),
            Throws.TypeOf<CommandArgumentException>().With.Property("Argument").EqualTo("power").And.Message.Contains("takes none"));

    [Test]
    public void EncodeCommand_MissingArgument_RefusesWithItsRange() =>
        Assert.That(() => Codec.EncodeCommand("ENABLE_HOUSEKEEPING"), Throws.TypeOf<CommandArgumentException>().With.Message.Contains("structureId [1, 1]"));

    [Test]
    public void EncodeCommand_FractionForIntegerArgument_Refuses() =>
        Assert.That(() => Codec.EncodeCommand("SET_HOUSEKEEPING_INTERVAL", new Dictionary<string, double> { ["structureId"] = 1, ["intervalMs"] = 100.5 }),
            Throws.TypeOf<CommandArgumentException>().With.Message.Contains("UInt32"));

    [Test]
    public void EncodeCommand_HeaterOn_IsPerformFunction1()
    {
        Telecommand tc = Codec.EncodeCommand("heater_on");

        Assert.That((tc.Apid, tc.Service, tc.Subtype), Is.EqualTo(((ushort)100, (byte)8, (byte)1)));
        Assert.That(PerformFunction.From(tc).FunctionId, Is.EqualTo(1));
    }

    [Test]
    public void EncodeCommand_SetHousekeepingInterval_IsStructureThenInterval()
    {
        Telecommand tc = Codec.EncodeCommand("SET_HOUSEKEEPING_INTERVAL", new Dictionary<string, double> { ["structureId"] = 1, ["intervalMs"] = 250 });

        Assert.That(HousekeepingRequest.From(tc), Is.EqualTo(HousekeepingRequest.SetInterval(1, 250)));
    }

    [Test]
    public void EncodeSetParameters_InRange_DecodesBackOnThePayloadSide()
    {
        Telecommand tc = Codec.EncodeSetParameters(new Dictionary<string, double> { ["SETPOINT"] = 850, ["WATCHDOG_TIMEOUT"] = 30 });

        DecodedCommand decoded = Codec.DecodeCommand(PusCodec.UsocHilDefault.DecodeTelecommand(PusCodec.UsocHilDefault.Encode(tc)));

        Assert.That(decoded.Command.Name, Is.EqualTo("SET_PARAMETERS"));
        Assert.That(decoded.Arguments, Is.EquivalentTo(new Dictionary<string, double> { ["SETPOINT"] = 850, ["WATCHDOG_TIMEOUT"] = 30 }));
    }

    [TestCase("SETPOINT", 1200, "[20, 1000] degC")]
    [TestCase("MODE", 1, "read-only")]
    [TestCase("NOPE", 1, "not in the dictionary")]
    public void EncodeSetParameters_Refused_SaysWhy(string parameter, double value, string why) =>
        Assert.That(() => Codec.EncodeCommand("SET_PARAMETERS", new Dictionary<string, double> { [parameter] = value }),
            Throws.TypeOf<CommandArgumentException>().With.Property("Argument").EqualTo(parameter).And.Message.Contains(why));

    [Test]
    public void DecodeCommand_EveryDictionaryCommand_ReadsBackItsName()
    {
        foreach (CommandDefinition command in TestRigs.Furnace().Dictionary.Commands)
        {
            var arguments = command.Arguments.ToDictionary(a => a.Name, a => a.Range?[0] ?? 1);
            if (command.Service == 20)
            {
                arguments = new Dictionary<string, double> { ["PID_KP"] = 12.5 };
            }

            Telecommand tc = Codec.EncodeCommand(command.Name, arguments);

            DecodedCommand decoded = Codec.DecodeCommand(tc);
            Assert.That(decoded.Command.Name, Is.EqualTo(command.Name));
            Assert.That(decoded.Arguments.Keys, Is.EquivalentTo(arguments.Keys));
        }
    }

    [Test]
    public void DecodeParameterReport_Values_AreNamedAndCalibrated()
    {
        var report = new ParameterValueReport([new ParameterValue(7, 1234), new ParameterValue(10, 2)]);

        var values = Codec.DecodeParameterReport(report.ToTelemetry(100, Codec.ParameterTypes));

        Assert.That(values["HEATER_POWER"].Value, Is.EqualTo(123.4).Within(1e-9));
        Assert.That(values["MODE"].Label, Is.EqualTo("CONTROL"));
    }

    [Test]
    public void FailureCodeName_Known_IsItsName() => Assert.That(Codec.FailureCodeName(6), Is.EqualTo("HEATER_NOT_ARMED"));
}
