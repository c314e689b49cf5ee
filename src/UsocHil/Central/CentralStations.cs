using UsocHil.Configuration;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>A station file's <c>"central"</c>: the push after every run, registered as a results sink.</summary>
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
}
