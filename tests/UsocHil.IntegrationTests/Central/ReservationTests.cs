using UsocHil.Central;

namespace UsocHil.IntegrationTests.Central;

/// <summary>Rig bookings at a real PostgreSQL centre: the database itself refuses two bookings of one rig at once.</summary>
public sealed class ReservationTests
{
    private PostgresServer _server = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _server = await PostgresServer.StartAsync(cts.Token);
        _dir = TestDirectories.Create("reservations");
        foreach (string station in new[] { "zurich", "brussels" })
        {
            Directory.CreateDirectory(Path.Combine(_dir, station));
            await File.WriteAllTextAsync(Path.Combine(_dir, station, "rig-config.json"),
                $$"""{ "station": "{{station}}", "central": "{{_server.Url}}", "rigs": {} }""", cts.Token);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Reserve_OverlappingBookingFromAnotherStation_RefusedByTheDatabaseInOneLine(CancellationToken ct)
    {
        CliProcessResult alice = await CliAsync("zurich", ["reserve", "centrifuge-em", "--for", "2h", "--operator", "alice", "--note", "spin-up calibration"], ct);
        CliProcessResult bob = await CliAsync("brussels", ["reserve", "centrifuge-em", "--for", "30m", "--operator", "bob"], ct);
        string direct = "";
        try
        {
            await _server.PsqlAsync("INSERT INTO reservations(rig, station, operator, during) VALUES ('centrifuge-em', 'madrid', 'carol', tstzrange(now(), now() + interval '1 hour'))", ct);
        }
        catch (InvalidOperationException e)
        {
            direct = e.Message;
        }

        CliProcessResult list = await CliAsync("brussels", ["reservations"], ct);

        Assert.That(alice.ExitCode, Is.Zero, alice.Describe());
        Assert.That(alice.Stdout, Does.StartWith("reserved centrifuge-em for alice (station zurich)"));
        Assert.That(bob.ExitCode, Is.EqualTo(2), bob.Describe());
        Assert.That(bob.Stderr.Trim(), Does.StartWith("usoc-hil reserve: centrifuge-em is already booked by alice (station zurich) from ").And.Not.Contain("\n"));
        Assert.That(direct, Does.Contain("one_booking_per_rig_at_a_time"), "the database refuses it, whoever writes");
        Assert.That(list.Stdout.Split('\n').Where(l => l.StartsWith("centrifuge-em", StringComparison.Ordinal)).Select(l => l.Split('\t')[3..]),
            Is.EqualTo(new[] { new[] { "alice", "zurich", "spin-up calibration" } }), list.Describe());
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Reserve_AdjacentBookings_BothAccepted_ReleaseFreesTheRig(CancellationToken ct)
    {
        await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(_server.Url), TimeProvider.System, create: true, ct);
        var bookings = new RigReservations(centre);
        DateTimeOffset nine = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

        Reservation first = await bookings.ReserveAsync("furnace-em", "zurich", "alice", nine, TimeSpan.FromHours(1), null, ct);
        Reservation second = await bookings.ReserveAsync("furnace-em", "brussels", "bob", nine.AddHours(1), TimeSpan.FromHours(1), null, ct);
        ReservationRefusedException? overlap = null;
        try
        {
            await bookings.ReserveAsync("furnace-em", "madrid", "carol", nine.AddMinutes(59), TimeSpan.FromMinutes(2), null, ct);
        }
        catch (ReservationRefusedException e)
        {
            overlap = e;
        }

        bool released = await bookings.ReleaseAsync("furnace-em", "alice", nine.AddMinutes(30), ct);
        Reservation carol = await bookings.ReserveAsync("furnace-em", "madrid", "carol", nine.AddMinutes(30), TimeSpan.FromMinutes(30), null, ct);

        Assert.That(second.From, Is.EqualTo(first.Until));
        Assert.That(overlap?.Holder?.Operator, Is.EqualTo("alice"), "a booking overlapping alice's by a minute is refused, naming her");
        Assert.That(released, Is.True);
        Assert.That(await bookings.LeaseAsync("furnace-em", "carol", nine.AddMinutes(45), ct), Is.EqualTo(carol));
        Assert.That(await bookings.LeaseAsync("furnace-em", "alice", nine.AddMinutes(45), ct), Is.Null);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Lease_RenewedWhileFree_LapsesWhenTheNextBookingStarts(CancellationToken ct)
    {
        await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(_server.Url), TimeProvider.System, create: true, ct);
        var bookings = new RigReservations(centre);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        // Alice's booking outlasts the set-up below on a loaded machine (it was 2 s and ended first in some runs).
        await bookings.ReserveAsync("pump-em", "zurich", "alice", now, TimeSpan.FromSeconds(6), null, ct);
        await bookings.ReserveAsync("pump-em", "brussels", "bob", now.AddSeconds(8), TimeSpan.FromHours(1), null, ct);
        string refused = "";
        try
        {
            await using RigLease none = await RigLease.AcquireAsync(CentralConnection.Parse(_server.Url), "pump-em", "carol", TimeProvider.System, ct);
        }
        catch (LeaseRequiredException e)
        {
            refused = e.Message;
        }

        var lapsed = new TaskCompletionSource<string>();
        await using (RigLease lease = await RigLease.AcquireAsync(CentralConnection.Parse(_server.Url), "pump-em", "alice", TimeProvider.System, ct))
        {
            lease.RenewEvery = TimeSpan.FromMilliseconds(200);
            lease.Window = TimeSpan.FromSeconds(1);
            lease.Keep(reason => lapsed.TrySetResult(reason));
            string reason = await lapsed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            DateTimeOffset at = TimeProvider.System.GetUtcNow();

            Assert.That(lease.Held.Until, Is.EqualTo(now.AddSeconds(8)).Within(TimeSpan.FromMilliseconds(1)), "renewed up to bob's booking, not into it");
            Assert.That(at, Is.GreaterThanOrEqualTo(now.AddSeconds(8)));
            Assert.That(reason, Does.Contain("lease on pump-em for alice lapsed"));
        }

        Assert.That(refused, Does.Contain("carol holds no booking of pump-em"));
    }

    private Task<CliProcessResult> CliAsync(string station, string[] args, CancellationToken ct) =>
        UsocHilProcess.RunAsync(Path.Combine(_dir, station), ["--station", Path.Combine(_dir, station, "rig-config.json"), .. args], ct);
}
