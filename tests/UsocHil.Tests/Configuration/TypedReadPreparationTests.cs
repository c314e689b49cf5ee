using System.Text.Json;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Interop;
using UsocHil.Testing;

namespace UsocHil.Tests.Configuration;

/// <summary>Readers built on the preparation thread read the shipped station as the main thread's own would.</summary>
public sealed class TypedReadPreparationTests
{
    [Test]
    public void WaitFor_AfterStart_ReturnsAndTheStationLoadsAsBefore()
    {
        TypedReadPreparation.Start();
        TypedReadPreparation.Start();

        TypedReadPreparation.WaitFor<StationConfig>();
        TypedReadPreparation.WaitFor<RigDefinition>();
        LoadedStation station = StationLoader.Load(RepositoryPaths.StationFile);

        Assert.That(station.Rigs.Keys, Is.SupersetOf(new[] { "furnace-em", "centrifuge-em" }));
    }

    [Test]
    public void WaitFor_TypeNotPrepared_ReturnsAtOnce()
    {
        TypedReadPreparation.Start();

        // A reader nobody builds has nothing to wait for: a wait on it would never end.
        Assert.That(Task.Run(TypedReadPreparation.WaitFor<RigBinding>).Wait(TimeSpan.FromSeconds(10)), Is.True, "WaitFor<RigBinding> returned");
    }

    [Test]
    public void Build_ShippedStationFile_ReadsTheStationAndItsRigsAsTheMainThreadWould()
    {
        var preparation = new TypedReadPreparation(RepositoryPaths.StationFile);

        preparation.Build();

        string stationText = Text(RepositoryPaths.StationFile);
        Assert.That(preparation.TryTakeOwn(stationText, out StationConfig? station), Is.True);
        Assert.That(Json(station!), Is.EqualTo(Json(JsonSerializer.Deserialize<StationConfig>(stationText, ConfigurationFileReader.SerializerOptions)!)));
        Assert.That(station!.Rigs.Keys, Is.SupersetOf(new[] { "furnace-em", "centrifuge-em" }));
        foreach (string rig in station.Rigs.Keys)
        {
            string rigText = Text(Path.Combine(RepositoryPaths.Rigs, rig, "rig.json"));
            Assert.That(preparation.TryTakeOwn(rigText, out RigDefinition? definition), Is.True, rig);
            Assert.That(Json(definition!), Is.EqualTo(Json(JsonSerializer.Deserialize<RigDefinition>(rigText, ConfigurationFileReader.SerializerOptions)!)), rig);
        }
    }

    [Test]
    public void ReadRigsOwn_BeforeThePreparationComesToTheRigs_ReadsThemHereAndThePreparationLeavesThem()
    {
        var preparation = new TypedReadPreparation(RepositoryPaths.StationFile);
        string furnace = Text(Path.Combine(RepositoryPaths.Rigs, "furnace-em", "rig.json"));
        string centrifuge = Text(Path.Combine(RepositoryPaths.Rigs, "centrifuge-em", "rig.json"));

        preparation.ReadRigsOwn([furnace]);
        preparation.Build();

        Assert.That(preparation.TryTakeOwn(furnace, out RigDefinition? definition), Is.True, "read by the thread that came first");
        Assert.That(definition!.Name, Is.EqualTo("furnace-em"));
        Assert.That(preparation.TryTakeOwn(centrifuge, out RigDefinition? _), Is.False, "the preparation did not read the rigs again");
        Assert.That(Task.Run(preparation.WaitForOwn<RigDefinition>).Wait(TimeSpan.FromSeconds(10)), Is.True, "a wait for the rigs ends");
    }

    [Test]
    public void ReadRigsOwn_AfterThePreparationReadTheRigs_ReadsNothingAgain()
    {
        var preparation = new TypedReadPreparation(RepositoryPaths.StationFile);
        string furnace = Text(Path.Combine(RepositoryPaths.Rigs, "furnace-em", "rig.json"));
        preparation.Build();
        Assert.That(preparation.TryTakeOwn(furnace, out RigDefinition? _), Is.True);

        preparation.ReadRigsOwn([furnace]);

        Assert.That(preparation.TryTakeOwn(furnace, out RigDefinition? _), Is.False, "the rigs were the preparation's to read");
    }

    [Test]
    public void TryTakeOwn_SameTextTwice_HandsTheTypedFormOutOnce()
    {
        var preparation = new TypedReadPreparation(RepositoryPaths.StationFile);
        preparation.Build();
        string stationText = Text(RepositoryPaths.StationFile);

        Assert.That(preparation.TryTakeOwn(stationText, out StationConfig? _), Is.True);
        Assert.That(preparation.TryTakeOwn(stationText, out StationConfig? _), Is.False, "a typed form is mutable: nobody else may hold it");
    }

    [Test]
    public void TryTakeOwn_TextNotReadOrAnotherType_Nothing()
    {
        var preparation = new TypedReadPreparation(RepositoryPaths.StationFile);
        preparation.Build();
        string stationText = Text(RepositoryPaths.StationFile);

        Assert.That(preparation.TryTakeOwn(stationText + " ", out StationConfig? _), Is.False);
        Assert.That(preparation.TryTakeOwn(stationText, out RigDefinition? _), Is.False);
    }

    [Test]
    public void Build_NoStationFile_EndsWithNothingRead()
    {
        string missing = Path.Combine(TestDirectories.Create("no-station"), "rig-config.json");
        var preparation = new TypedReadPreparation(missing);

        preparation.Build();

        Assert.That(Task.Run(() =>
        {
            preparation.WaitForOwn<StationConfig>();
            preparation.WaitForOwn<RigDefinition>();
        }).Wait(TimeSpan.FromSeconds(10)), Is.True, "both waits returned");
    }

    private static string Text(string file) => BoundedFile.ReadAllText(file, ConfigurationFileReader.MaxFileBytes);

    private static string Json<T>(T typed) => JsonSerializer.Serialize(typed, ConfigurationFileReader.SerializerOptions);
}
