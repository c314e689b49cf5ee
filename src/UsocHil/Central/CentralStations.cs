using UsocHil.Configuration;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Central;

/// <summary>A station file's <c>"central"</c>: the push after every run (a results sink) and the rig lease every run needs (a run guard).</summary>
public static class CentralStations
{
    /// <summary>The results sink name of the push to the central archive.</summary>
    public const string SinkName = "central";

    /// <exception cref="ResultsArchiveException">The station's <c>central</c> is not a connection.</exception>
    public static ResultsSinks AddCentralPush(this ResultsSinks sinks, LoadedStation station, TimeProvider wall)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(station);
        return station.Config.Central is { } central
            ? sinks.Add(SinkName, new CentralPushSink(station.Config.Station, station.ResultsPath, CentralConnection.Parse(central), wall))
            : sinks;
    }

    /// <summary>The run guard name of the lease a federated station's runs need.</summary>
    public const string GuardName = "central-lease";

    /// <exception cref="ResultsArchiveException">The station's <c>central</c> is not a connection.</exception>
    public static RunGuards AddCentralLease(this RunGuards guards, LoadedStation station, TimeProvider wall)
    {
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(station);
        return station.Config.Central is { } central ? guards.Add(GuardName, new CentralLeaseGuard(CentralConnection.Parse(central), wall)) : guards;
    }
}
