using UsocHil.Configuration;
using UsocHil.Description;
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
}
