namespace UsocHil.FirmwareSim.Plant;

/// <summary>One element of the model: each step it computes the value of its own signal from the others.</summary>
internal abstract class PlantBlock(int slot, double initial)
{
    public int Slot { get; } = slot;

    protected double Initial { get; } = initial;

    public abstract void Step(double[] values, double dt);

    /// <summary>Back to the initial condition (a new run of the same unit starts here).</summary>
    public virtual void Reset(double[] values) => values[Slot] = Initial;
}

/// <summary>The value of a formula.</summary>
internal sealed class FormulaBlock(int slot, Func<double[], double> input) : PlantBlock(slot, 0)
{
    public override void Step(double[] values, double dt) => values[Slot] = input(values);

    public override void Reset(double[] values) => values[Slot] = input(values);
}

/// <summary>A first-order lag: dy/dt = (input - y) / seconds, by forward Euler or, when exact, by its closed-form solution over the step.</summary>
internal sealed class LagBlock(int slot, double initial, Func<double[], double> input, Func<double[], double> seconds, bool exact) : PlantBlock(slot, initial)
{
    public override void Step(double[] values, double dt)
    {
        double tau = seconds(values);
        double alpha = exact ? (tau > 0 ? 1 - Math.Exp(-dt / tau) : 1) : dt / Math.Max(tau, dt);
        values[Slot] += (input(values) - values[Slot]) * alpha;
    }
}

/// <summary>dy/dt = input, held within [min, max] (an integrator with anti-windup stops).</summary>
internal sealed class IntegratorBlock(int slot, double initial, Func<double[], double> input, Func<double[], double>? min, Func<double[], double>? max) : PlantBlock(slot, initial)
{
    public override void Step(double[] values, double dt)
    {
        double y = values[Slot] + (input(values) * dt);
        values[Slot] = Bounds.Apply(y, values, min, max);
    }
}

/// <summary>Follows its input, changing by at most rate per second.</summary>
internal sealed class RateLimitBlock(int slot, double initial, Func<double[], double> input, Func<double[], double> rate) : PlantBlock(slot, initial)
{
    public override void Step(double[] values, double dt)
    {
        double largest = Math.Abs(rate(values)) * dt;
        values[Slot] += Math.Clamp(input(values) - values[Slot], -largest, largest);
    }
}

/// <summary>The input clamped into [min, max].</summary>
internal sealed class SaturationBlock(int slot, Func<double[], double> input, Func<double[], double>? min, Func<double[], double>? max) : PlantBlock(slot, 0)
{
    public override void Step(double[] values, double dt) => values[Slot] = Bounds.Apply(input(values), values, min, max);
}

internal static class Bounds
{
    public static double Apply(double y, double[] values, Func<double[], double>? min, Func<double[], double>? max)
    {
        if (max is not null)
        {
            y = Math.Min(y, max(values));
        }

        if (min is not null)
        {
            y = Math.Max(y, min(values));
        }

        return y;
    }
}
