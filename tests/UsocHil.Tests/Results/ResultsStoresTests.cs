using UsocHil.Registration;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>The station's resultsStore picks the store by name: SQLite built in, an unknown name refused.</summary>
public sealed class ResultsStoresTests
{
    [Test]
    public async Task Sqlite_is_built_in_and_opens_an_archive_the_readers_use_through_the_interface()
    {
        string directory = TestDirectories.Create("stores");
        try
        {
            await using IResultsStore store = await ResultsStores.CreateDefault().OpenAsync("SQLite", Path.Combine(directory, "results.db"), TimeProvider.System, TestLog.Silent, create: true, CancellationToken.None);

            Assert.That(store, Is.TypeOf<ResultsArchive>());
            Assert.That(await store.ListRunsAsync(CancellationToken.None), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void An_unknown_store_names_the_registered_ones() =>
        Assert.That(() => ResultsStores.CreateDefault().OpenAsync("lab-db", "x", TimeProvider.System, TestLog.Silent, create: false, CancellationToken.None),
            Throws.TypeOf<RegistrationException>().With.Message.EqualTo("no results store named 'lab-db' (known: sqlite)"));

    [Test]
    public void The_built_in_store_cannot_be_registered_again() =>
        Assert.That(() => ResultsStores.CreateDefault().Add("sqlite", (_, _, _, _, _) => throw new InvalidOperationException()), Throws.TypeOf<RegistrationException>());
}
