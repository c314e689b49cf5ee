using UsocHil.Emulation;
using UsocHil.Rigs;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>The furnace rig as the harness's emulator seam sees it.</summary>
public sealed partial class EmulatedFurnaceRig : IEmulatedRig
{
    private IRigLines? _benchLines;

    /// <summary>The bench's lines in-process when its pigpiod endpoint is not served (<see cref="EmulatedFurnaceRigOptions.Gpio"/> off).</summary>
    public IRigLines? Lines => Endpoints.GpioPort is null ? _benchLines ??= new FurnaceBenchLines(Bench) : null;

    IReadOnlyList<string> IEmulatedRig.Endpoints
    {
        get
        {
            FurnaceRigEndpoints e = Endpoints;
            string host = FurnaceRigEndpoints.Host;
            return
            [
                $"payload (PUS)    serial {e.PayloadPty}    tcp {host}:{e.PayloadTcpPort}",
                $"supply (SCPI)    serial {e.SupplyPty}    tcp {host}:{e.SupplyTcpPort}",
                $"dmm (SCPI)       serial {e.MultimeterPty}    tcp {host}:{e.MultimeterTcpPort}",
                e.GpioPort is int port
                    ? $"gpio (pigpiod)   tcp {host}:{port}    pins {string.Join(", ", e.Pins.Select(p => $"{p.Key}={p.Value}"))}"
                    : "gpio             not served",
            ];
        }
    }
}
