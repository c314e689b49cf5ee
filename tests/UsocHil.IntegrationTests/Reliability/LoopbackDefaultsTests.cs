using System.Net;
using Serilog.Events;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Links.Tcp;
using UsocHil.Monitor;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Every server the project starts binds loopback unless told otherwise, and says so in the log (a warning) when told
/// otherwise: the payload and instrument listeners, the pigpiod emulator, the whole emulated rig and the monitor.
/// </summary>
[NonParallelizable]
public sealed class LoopbackDefaultsTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task TcpLinkListener_Defaults_BindsLoopbackWithoutWarning(CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using var listener = new TcpLinkListener("payload", log.Logger);

        Assert.That(IPAddress.IsLoopback(listener.LocalEndpoint.Address), Is.True, listener.LocalEndpoint.ToString());
        Assert.That(log.Events.Where(e => e.Level >= LogEventLevel.Warning), Is.Empty);
        ReliabilityRecord.Write("security", "payload/instrument TCP listener started with defaults", 1, $"bound {listener.LocalEndpoint}; no warning");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TcpLinkListener_AnyAddress_LogsWarningNamingIt(CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using var listener = new TcpLinkListener("payload", log.Logger, IPAddress.Any);

        AssertWarned(log, "0.0.0.0");
        ReliabilityRecord.Write("security", "TCP listener told to bind 0.0.0.0", 1, "bound as told, with a warning naming the address");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PigpiodServer_Defaults_BindsLoopback_AnyAddressWarns(CancellationToken cancellationToken)
    {
        var quiet = new TestLog();
        await using (var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, quiet.Logger))
        {
            Assert.That(IPAddress.IsLoopback(server.LocalEndpoint.Address), Is.True, server.LocalEndpoint.ToString());
            Assert.That(quiet.Events.Where(e => e.Level >= LogEventLevel.Warning), Is.Empty);
        }

        var loud = new TestLog();
        await using (var exposed = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, loud.Logger, IPAddress.Any))
        {
            AssertWarned(loud, "0.0.0.0");
        }

        ReliabilityRecord.Write("security", "pigpiod emulator started with defaults, then told to bind 0.0.0.0", 2, "loopback by default; a warning when told otherwise");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task EmulatedFurnaceRig_Defaults_EveryTcpEndpointIsLoopback(CancellationToken cancellationToken)
    {
        var log = new TestLog();
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(TimeProvider.System, new EmulatedFurnaceRigOptions(), log.Logger);
        FurnaceRigEndpoints endpoints = rig.Endpoints;

        Assert.That(FurnaceRigEndpoints.Host, Is.EqualTo("127.0.0.1"));
        var ports = new List<int> { endpoints.PayloadTcpPort, endpoints.SupplyTcpPort, endpoints.MultimeterTcpPort };
        if (endpoints.GpioPort is int gpio)
        {
            ports.Add(gpio);
        }

        IPEndPoint[] listening = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
        foreach (int port in ports)
        {
            IPEndPoint[] bound = listening.Where(l => l.Port == port).ToArray();
            Assert.That(bound, Is.Not.Empty, $"port {port} is listening");
            Assert.That(bound.All(b => IPAddress.IsLoopback(b.Address)), Is.True, $"port {port} is bound to {string.Join(", ", bound.Select(b => b.Address))}");
        }

        Assert.That(rig.Binding.Instruments.Values.Select(b => b.Tcp?.Host).OfType<string>(), Has.All.EqualTo("127.0.0.1"));
        ReliabilityRecord.Write("security", "whole emulated furnace rig started with defaults (payload, supply, multimeter" + (endpoints.GpioPort is null ? "; GPIO server not started by EmulatedFurnaceRig on main" : ", GPIO") + ")",
            ports.Count, $"all {ports.Count} TCP endpoints bound to 127.0.0.1 (checked in the kernel's listener table)");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task MonitorServer_DefaultAddress_IsLoopback_AnyAddressWarns(CancellationToken cancellationToken)
    {
        var defaults = new MonitorOptions();
        Assert.That(IPAddress.IsLoopback(defaults.Endpoint.Address), Is.True);
        Assert.That(IPAddress.IsLoopback(MonitorOptions.ParseEndpoint(":0").Address), Is.True, "a port alone means loopback");

        var quiet = new TestLog();
        await using (MonitorServer server = await MonitorServer.StartAsync(defaults with { Endpoint = new IPEndPoint(defaults.Endpoint.Address, 0) }, quiet.Logger, cancellationToken))
        {
            Assert.That(server.Url.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(quiet.Events.Where(e => e.Level >= LogEventLevel.Warning), Is.Empty);
        }

        var loud = new TestLog();
        await using (MonitorServer exposed = await MonitorServer.StartAsync(defaults with { Endpoint = new IPEndPoint(IPAddress.Any, 0) }, loud.Logger, cancellationToken))
        {
            AssertWarned(loud, "0.0.0.0");
        }

        ReliabilityRecord.Write("security", "monitor web server with the default address, then told to bind 0.0.0.0", 2, "127.0.0.1 by default; a warning when told otherwise");
    }

    private static void AssertWarned(TestLog log, string address)
    {
        var warnings = log.Events.Where(e => e.Level == LogEventLevel.Warning).Select(e => e.RenderMessage()).ToList();
        Assert.That(warnings, Has.Some.Contains(address), string.Join("\n", warnings));
    }
}
