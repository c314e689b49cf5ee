using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Absolute and relative times in the dictionary: XTCE's time types (the encoding's scale and offset as seconds, the
/// reference epoch) and the MIB's CUC times (PTC 9 and 10) import, export and come back the same; a packet's CUC field
/// decodes to the instant it stands for.
/// </summary>
public sealed class TimeParameterTests
{
    private const string Xtce = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SpaceSystem name="clock" xmlns="http://www.omg.org/spec/XTCE/20180204">
          <TelemetryMetaData>
            <ParameterTypeSet>
              <AbsoluteTimeParameterType name="Obt_Type">
                <Encoding units="seconds" scale="0.0000152587890625">
                  <IntegerDataEncoding sizeInBits="48"/>
                </Encoding>
                <ReferenceTime><Epoch>TAI</Epoch></ReferenceTime>
              </AbsoluteTimeParameterType>
              <AbsoluteTimeParameterType name="Unix_Type">
                <Encoding><IntegerDataEncoding sizeInBits="32"/></Encoding>
                <ReferenceTime><Epoch>1970-01-01</Epoch></ReferenceTime>
              </AbsoluteTimeParameterType>
              <AbsoluteTimeParameterType name="Since_Type">
                <Encoding units="seconds" scale="0.001"><IntegerDataEncoding sizeInBits="32"/></Encoding>
                <ReferenceTime><OffsetFrom parameterRef="Obt"/></ReferenceTime>
              </AbsoluteTimeParameterType>
              <RelativeTimeParameterType name="Exposure_Type">
                <Encoding units="seconds" scale="0.5" offset="1"><IntegerDataEncoding sizeInBits="16"/></Encoding>
              </RelativeTimeParameterType>
              <AbsoluteTimeParameterType name="Days_Type">
                <Encoding units="days"><IntegerDataEncoding sizeInBits="16"/></Encoding>
                <ReferenceTime><Epoch>J2000</Epoch></ReferenceTime>
              </AbsoluteTimeParameterType>
            </ParameterTypeSet>
            <ParameterSet>
              <Parameter name="Obt" parameterTypeRef="Obt_Type"/>
              <Parameter name="Unix" parameterTypeRef="Unix_Type"/>
              <Parameter name="Since" parameterTypeRef="Since_Type"/>
              <Parameter name="Exposure" parameterTypeRef="Exposure_Type"/>
              <Parameter name="Days" parameterTypeRef="Days_Type"/>
            </ParameterSet>
          </TelemetryMetaData>
        </SpaceSystem>
        """;

    private static DatabaseImport ImportXtce()
    {
        string file = Path.Combine(TestDirectories.Create("xtce-time"), "clock.xml");
        File.WriteAllText(file, Xtce);
        return XtceImporter.Import([file], "clock");
    }

    [Test]
    public void Xtce_TimeTypes_ImportAsSecondsWithTheirEpochs_AndReportWhatTheyCannotKeep()
    {
        DatabaseImport imported = ImportXtce();
        var parameters = imported.Rig.Dictionary.Parameters.ToDictionary(p => p.Name);

        Assert.That(parameters["OBT"], Has.Property("Type").EqualTo("uint48").And.Property("Unit").EqualTo("s")
            .And.Property("Time").EqualTo(new TimeDefinition { Epoch = "TAI" }));
        Assert.That(parameters["OBT"].Calibration, Is.EqualTo(new[] { 0, 1.0 / 65536 }));
        Assert.That(parameters["UNIX"].Time, Is.EqualTo(new TimeDefinition { Epoch = "1970-01-01" }));
        Assert.That(parameters["UNIX"].Calibration, Is.Null);
        Assert.That(parameters["EXPOSURE"].Time, Is.EqualTo(new TimeDefinition { Relative = true }));
        Assert.That(parameters["EXPOSURE"].Calibration, Is.EqualTo(new[] { 1, 0.5 }));
        Assert.That(parameters["SINCE"].Time, Is.EqualTo(new TimeDefinition { Relative = true }));
        Assert.That(parameters, Does.Not.ContainKey("DAYS"));
        Assert.That(imported.Report.Entries.Single(e => e.Element == "OffsetFrom" || (e.Name == "Since_Type" && e.Outcome == ImportOutcome.Approximated)).How,
            Does.Contain("counted from parameter Obt"));
        Assert.That(imported.Report.Entries.Single(e => e.Name == "Days_Type" && e.Outcome == ImportOutcome.Dropped).How, Does.Contain("time units days"));
    }

    [Test]
    public void Xtce_TimeParameters_ComeBackTheSame()
    {
        RigDefinition rig = Clock();

        RigDefinition back = RoundTripTests.ThroughXtce(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
    }

    [Test]
    public void Mib_CucTimes_ComeBackTheSame_AsPtc9And10()
    {
        RigDefinition rig = Clock() with { Dictionary = Clock().Dictionary with { Packets = [], Parameters = [.. Clock().Dictionary.Parameters.Where(p => p.Name != "UNIX_TIME")] } };

        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(rig)));
        Assert.That(report.Entries.Where(e => e.Outcome == ImportOutcome.Approximated).Select(e => e.Name), Is.EqualTo(new[] { "OBT" }), "the epoch a MIB cannot say");
        string pcf = MibExporter.Write(rig)["pcf.dat"];
        Assert.That(pcf, Does.Contain("OBT\t\t1\ts\t9\t17\t48\t"), "4 coarse and 2 fine octets");
        Assert.That(pcf, Does.Contain("DURATION\t\t2\ts\t10\t15\t32\t"), "4 coarse octets, no fine");
    }

    [Test]
    public void Mib_AnAbsoluteTimeFromAnotherEpoch_IsRefusedNamingIt()
    {
        var error = Assert.Throws<MissionDatabaseException>(() => MibExporter.Write(Clock() with { Dictionary = Clock().Dictionary with { Packets = [] } }));

        Assert.That(error!.Message, Does.Contain("UNIX_TIME").And.Contain("epoch 1970-01-01"));
    }

    [Test]
    public void Decode_CucField_IsTheInstantFromTai()
    {
        var layouts = new PacketLayouts(Clock().Dictionary);
        byte[] packet = [0x08, 0x2A, 0xC0, 0x00, 0x00, 0x05, 0x80, 0x00, 0x00, 0x10, 0x80, 0x00];

        DecodedField obt = layouts.Decode(packet).Fields.Single(f => f.Parameter.Name == "OBT");

        Assert.That(obt.Value.Value, Is.EqualTo(0x80000010 + 0.5));
        Assert.That(TimeEpochs.Instant(obt.Parameter.Time!, obt.Value.Value),
            Is.EqualTo(new DateTimeOffset(1958, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(0x80000010 + 0.5)));
    }

    [TestCase("J2000", 0, "2000-01-01T11:58:55.8160000+00:00")]
    [TestCase("GPS", 86400, "1980-01-07T00:00:00.0000000+00:00")]
    [TestCase("2021-04-09T00:00:00Z", 61.25, "2021-04-09T00:01:01.2500000+00:00")]
    public void Instant_NamedAndIsoEpochs(string epoch, double seconds, string expected)
    {
        Assert.That(TimeEpochs.Instant(new TimeDefinition { Epoch = epoch }, seconds)!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
        Assert.That(TimeEpochs.Instant(new TimeDefinition { Relative = true }, seconds), Is.Null);
    }

    private static RigDefinition Clock() => new()
    {
        Name = "clock",
        Apid = 42,
        Dictionary = new RigDictionary
        {
            Parameters =
            [
                new ParameterDefinition { Id = 1, Name = "OBT", Type = "uint48", Unit = "s", Calibration = [0, 1.0 / 65536], Time = new TimeDefinition { Epoch = "TAI" } },
                new ParameterDefinition { Id = 2, Name = "DURATION", Type = "uint32", Unit = "s", Time = new TimeDefinition { Relative = true } },
                new ParameterDefinition { Id = 3, Name = "UNIX_TIME", Type = "uint32", Unit = "s", Time = new TimeDefinition { Epoch = "1970-01-01" } },
            ],
            Housekeeping = [new HousekeepingStructureDefinition { StructureId = 1, Name = "CLOCK", Parameters = ["DURATION"] }],
            Packets = [new PacketDefinition { Name = "TIMED", Entries = [new PacketEntryDefinition { Parameter = "OBT", Offset = 48 }] }],
        },
    };
}
