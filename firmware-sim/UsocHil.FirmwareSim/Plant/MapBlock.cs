using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>A piecewise-linear map of its input through [x, y] points, held flat beyond the first and last.</summary>
internal sealed class MapBlock(int slot, Func<double[], double> input, IReadOnlyList<IReadOnlyList<double>> points) : PlantBlock(slot, 0)
{
    public override void Step(double[] values, double dt) => values[Slot] = Interpolate(input(values));

    public double Interpolate(double x)
    {
        if (x <= points[0][0])
        {
            return points[0][1];
        }

        for (int i = 1; i < points.Count; i++)
        {
            if (x <= points[i][0])
            {
                double x0 = points[i - 1][0], y0 = points[i - 1][1], x1 = points[i][0], y1 = points[i][1];
                return y0 + ((y1 - y0) * (x - x0) / (x1 - x0));
            }
        }

        return points[^1][1];
    }
}

/// <summary>A sensor's reading: its input plus Gaussian noise, quantised to its resolution.</summary>
internal sealed class SensorBlock(int slot, Func<double[], double> input, double noise, double quantum, Random random) : PlantBlock(slot, 0)
{
    public override void Step(double[] values, double dt)
    {
        double reading = input(values) + (noise > 0 ? noise * random.NextGaussian() : 0);
        values[Slot] = quantum > 0 ? Math.Round(reading / quantum) * quantum : reading;
    }
}

/// <summary>A flip-flop: 1 once set is true, 0 once reset is true while set is not (a tripped interlock, a watchdog).</summary>
internal sealed class LatchBlock(int slot, double initial, Func<double[], double> set, Func<double[], double>? reset) : PlantBlock(slot, initial)
{
    public override void Step(double[] values, double dt)
    {
        if (set(values) != 0)
        {
            values[Slot] = 1;
        }
        else if (reset is not null && reset(values) != 0)
        {
            values[Slot] = 0;
        }
    }
}
