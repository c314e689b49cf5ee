using System.Globalization;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// A run's hold on its rig at a federated station: the operator's current booking, checked before anything is powered,
/// extended while the run goes on, and given up when the run ends. When it can no longer be extended (the centre is
/// unreachable, or someone booked the rig after it) and its end comes, the run is told to stop; it safes first.
/// </summary>
public sealed class RigLease : IAsyncDisposable
{
    private readonly RigReservations _bookings;
    private readonly CentralArchive _centre;
    private readonly TimeProvider _wall;
    private readonly CancellationTokenSource _stop = new();
    private Task? _keeping;

    private RigLease(CentralArchive centre, Reservation held, TimeProvider wall)
    {
        _centre = centre;
        _bookings = new RigReservations(centre);
        Held = held;
        _wall = wall;
    }

    public Reservation Held { get; private set; }

    /// <summary>How far ahead the lease is kept booked while the run goes on.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the lease is renewed.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <exception cref="LeaseRequiredException">The operator holds no booking of the rig now, or the centre cannot say.</exception>
    public static async Task<RigLease> AcquireAsync(CentralConnection centre, string rig, string @operator, TimeProvider wall, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wall);
        CentralArchive archive;
        try
        {
            archive = await CentralArchive.OpenCentralAsync(centre, wall, create: true, ct).ConfigureAwait(false);
        }
        catch (ResultsArchiveException e)
        {
            throw new LeaseRequiredException($"cannot check the booking of {rig} for {@operator}: {e.Message}");
        }

        try
        {
            Reservation? held = await new RigReservations(archive).LeaseAsync(rig, @operator, wall.GetUtcNow(), ct).ConfigureAwait(false);
            return held is null
                ? throw new LeaseRequiredException($"{@operator} holds no booking of {rig} now at {centre.Display}; book it first: usoc-hil reserve {rig} --for 2h")
                : new RigLease(archive, held, wall);
        }
        catch (Exception e) when (e is LeaseRequiredException or ResultsArchiveException)
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw e is LeaseRequiredException ? e : new LeaseRequiredException($"cannot check the booking of {rig} for {@operator}: {e.Message}");
        }
    }

    /// <summary>Keeps the lease while the run goes on; <paramref name="lapsed"/> is called once, with why, if it lapses.</summary>
    public void Keep(Action<string> lapsed)
    {
        ArgumentNullException.ThrowIfNull(lapsed);
        _keeping = Task.Run(async () =>
        {
            // The end is checked often (a lapse ends the run promptly); the centre is asked to extend it only now and
            // then, once the end is within the window.
            using var timer = new PeriodicTimer(Min(RenewEvery, TimeSpan.FromSeconds(1)), _wall);
            DateTimeOffset lastAsked = DateTimeOffset.MinValue;
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                DateTimeOffset now = _wall.GetUtcNow();
                if (Held.Until - now < Window && now - lastAsked >= RenewEvery)
                {
                    lastAsked = now;
                    try
                    {
                        Held = await _bookings.ExtendAsync(Held, await ReachAsync(now + Window).ConfigureAwait(false), _stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ResultsArchiveException or ReservationRefusedException)
                    {
                        // Not renewed this time; the booking held so far still counts until its end.
                    }
                }

                if (_wall.GetUtcNow() >= Held.Until)
                {
                    lapsed($"the lease on {Held.Rig} for {Held.Operator} lapsed at {Held.Until.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} and could not be renewed");
                    return;
                }
            }
        });
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>As far towards <paramref name="wanted"/> as the rig is free: up to the next booking of it, if that comes first.</summary>
    private async Task<DateTimeOffset> ReachAsync(DateTimeOffset wanted)
    {
        Reservation? next = (await _bookings.ListAsync(Held.Until, _stop.Token).ConfigureAwait(false))
            .Where(r => r.Rig == Held.Rig && r.Id != Held.Id && r.From >= Held.Until)
            .MinBy(r => r.From);
        return next is not null && next.From < wanted ? next.From : wanted;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_keeping is not null)
        {
            try
            {
                await _keeping.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        await _centre.DisposeAsync().ConfigureAwait(false);
    }
}
