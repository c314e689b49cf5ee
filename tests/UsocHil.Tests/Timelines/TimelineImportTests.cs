using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase.Xtce;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Timelines;

namespace UsocHil.Tests.Timelines;

/// <summary>Flight histories from outside read into timelines: real JPSS-1 telemetry, a replay file, a command history.</summary>
public sealed class TimelineImportTests
{
    private static string Mdb => Path.Combine(RepositoryPaths.TestData, "mdb");

    private static string JpssFile => Path.Combine(Mdb, "xtce", "jpss1", "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1");

    private static RigDefinition Jpss() => XtceImporter.Import([Path.Combine(Mdb, "xtce", "jpss1", "jpss1_geolocation_xtce_v1.xml")], "jpss1").Rig;

    private static RigDefinition Furnace() => RigLoader.Load(TestRigs.FurnaceFile);

    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("timeline");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Import_Jpss1FlightFile_EveryPacketOnOnboardTimeFromItsDaySegmentedStamp()
    {
        FlightTimeline timeline = TimelineImport.Import([JpssFile], "packets", Jpss(), CdsTimeFields.Parse("DOY,MSEC,USEC"));

        Assert.That(timeline.Counts, Is.EqualTo(new ImportCounts(7200, 7200, 0, 0, 0)));
        Assert.That(timeline.Start.UtcDateTime.Date, Is.EqualTo(new DateTime(2021, 4, 9)), "the level-zero file of 2021-04-09");
        Assert.That(timeline.Samples.Count(s => s.Parameter == "ADGPSPOSX"), Is.EqualTo(7200));
        double[] offsets = [.. timeline.Samples.Where(s => s.Parameter == "ADGPSPOSX").Select(s => s.OffsetSeconds)];
        Assert.That(offsets.Zip(offsets.Skip(1), (a, b) => b - a), Has.All.GreaterThanOrEqualTo(0), "in on-board time order");
        Assert.That(timeline.DurationSeconds, Is.GreaterThan(60).And.LessThan(86_400));
        Assert.That(timeline.Correlation.Method, Does.Contain("on-board time"));
    }

    [Test]
    public void Import_Jpss1WithoutATimeField_CountsNothingBadButSaysNothingCarriedATime()
    {
        FlightTimeline timeline = TimelineImport.Import([JpssFile], "packets", Jpss());

        Assert.That(timeline.Counts.Bad + timeline.Counts.Unknown, Is.Zero);
        Assert.That(timeline.Correlation.Method, Does.StartWith("none"));
    }

    [Test]
    public void Import_CutOffDumpAndForeignApid_CountedNotFatal()
    {
        byte[] flight = File.ReadAllBytes(JpssFile);
        string dump = Path.Combine(_dir, "cut.bin");
        File.WriteAllBytes(dump, flight[..(71 * 3 + 20)]);

        FlightTimeline timeline = TimelineImport.Import([dump], "packets", Furnace());

        Assert.That(timeline.Counts.Unknown, Is.EqualTo(3), "APID 11 is not the furnace's");
        Assert.That(timeline.Counts.Bad, Is.EqualTo(1), "the cut-off tail");
        Assert.That(timeline.Problems, Has.Some.Contains("APID 11"));
    }

    [Test]
    public void Import_ReplayWithOnboardAndReceptionStamps_RecordsTheCorrelationAndCountsSpidPacketsUnknown()
    {
        string replay = Path.Combine(Mdb, "mib", "spacepy-testenv", "tmFiles", "TMpackets2.txt");

        FlightTimeline timeline = TimelineImport.Import([replay], "replay", Furnace());

        Assert.That(timeline.Counts.Total, Is.GreaterThan(0));
        Assert.That(timeline.Counts.Unknown, Is.EqualTo(timeline.Counts.Total), "packets named by SPID carry no octets");
        Assert.That(timeline.Correlation.Pairs, Is.EqualTo(timeline.Counts.Total));
        Assert.That(timeline.Correlation.ReceptionMinusOnboardSeconds, Is.EqualTo(599).Within(5));
    }

    [Test]
    public void Import_FurnacePacketsAndCommandHistory_NamedCommandsAndCalibratedValuesAtOnboardTime()
    {
        RigDefinition furnace = Furnace();
        var codec = new DictionaryCodec(furnace.Dictionary, (ushort)furnace.Apid, new PusCodec(furnace.Profile));
        DateTimeOffset t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        Telecommand heaterOn = codec.EncodeCommand("HEATER_ON") with { SequenceCount = 1 };
        string dump = Path.Combine(_dir, "flight.bin");
        File.WriteAllBytes(dump, [.. codec.Codec.Encode(heaterOn)]);
        string history = Path.Combine(_dir, "history.csv");
        File.WriteAllLines(history,
        [
            "Time,Command,Arguments",
            "2026-03-01T12:00:00Z,SET_HOUSEKEEPING_INTERVAL,structureId=1;intervalMs=500",
            "2026-03-01T12:00:05Z,HEATER_ON,",
            "2026-03-01T12:00:06Z,SELF_DESTRUCT,",
            "not a time,HEATER_OFF,",
        ]);

        FlightTimeline fromDump = TimelineImport.Import([dump], "packets", furnace);
        FlightTimeline fromHistory = TimelineImport.Import([history], "csv", furnace);

        Assert.That(fromDump.Commands.Select(c => c.Command), Is.EqualTo(new[] { "HEATER_ON" }));
        Assert.That(fromDump.Commands[0].Octets, Is.EqualTo(Convert.ToHexString(codec.Codec.Encode(heaterOn))));
        Assert.That(fromHistory.Commands.Select(c => (c.OffsetSeconds, c.Command)), Is.EqualTo(new[] { (0.0, "SET_HOUSEKEEPING_INTERVAL"), (5.0, "HEATER_ON") }));
        Assert.That(fromHistory.Commands[0].Arguments["intervalMs"], Is.EqualTo(500));
        Assert.That(fromHistory.Start, Is.EqualTo(t0));
        Assert.That((fromHistory.Counts.Bad, fromHistory.Counts.Unknown), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public void Import_ServiceOneReports_EachCommandKeepsItsFirstFailureOrFurthestStage_EvenAReportAheadOfItsCommand()
    {
        RigDefinition furnace = Furnace();
        var codec = new DictionaryCodec(furnace.Dictionary, (ushort)furnace.Apid, new PusCodec(furnace.Profile));
        byte[] on = codec.Codec.Encode(codec.EncodeCommand("HEATER_ON") with { SequenceCount = 1 });
        byte[] off = codec.Codec.Encode(codec.EncodeCommand("HEATER_OFF") with { SequenceCount = 2 });
        byte[] alive = codec.Codec.Encode(codec.EncodeCommand("ARE_YOU_ALIVE") with { SequenceCount = 3 });
        uint Id(byte[] tc) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(tc);
        byte[] Report(VerificationReport r) => codec.Codec.Encode(r.ToTelemetry((ushort)furnace.Apid));
        string dump = Path.Combine(_dir, "flight.bin");
        File.WriteAllBytes(dump, [
            .. Report(VerificationReport.Succeeded(VerificationStage.Acceptance, Id(on))),
            .. Report(VerificationReport.Succeeded(VerificationStage.Completion, Id(on))), .. on,
            .. off, .. Report(VerificationReport.Succeeded(VerificationStage.Acceptance, Id(off))),
            .. Report(VerificationReport.Failed(VerificationStage.Completion, Id(off), 3)),
            .. alive]);

        FlightTimeline timeline = TimelineImport.Import([dump], "packets", furnace);
        string path = Path.Combine(_dir, "t.json");
        TimelineJson.Write(timeline, path);

        Assert.That(TimelineJson.Read(path).Commands.Select(c => (c.Command, c.Verification)), Is.EqualTo(new[]
        {
            ("HEATER_ON", new TimelineVerification("completion", true)),
            ("HEATER_OFF", new TimelineVerification("completion", false, 3)),
            ("ARE_YOU_ALIVE", (TimelineVerification?)null),
        }));
    }

    [Test]
    public void WriteThenRead_Timeline_ComesBackTheSame()
    {
        FlightTimeline timeline = TimelineImport.Import([JpssFile], "packets", Jpss(), CdsTimeFields.Parse("DOY,MSEC,USEC"));
        string path = Path.Combine(_dir, "t.json");

        TimelineJson.Write(timeline, path);
        FlightTimeline read = TimelineJson.Read(path);

        Assert.That((read.Rig, read.Start, read.Counts, read.Correlation), Is.EqualTo((timeline.Rig, timeline.Start, timeline.Counts, timeline.Correlation)));
        Assert.That(read.Samples, Is.EqualTo(timeline.Samples));
    }

    [Test]
    public void Read_NotATimeline_NamesTheFile()
    {
        string path = Path.Combine(_dir, "x.json");
        File.WriteAllText(path, "[1,2");

        Assert.That(() => TimelineJson.Read(path), Throws.TypeOf<TimelineException>().With.Message.StartsWith(path));
    }
}
