namespace UsocHil.Calibration.Thermocouples;

/// <summary>
/// A thermocouple type's reference function (IEC 60584-1, the ITS-90 tables): the EMF a thermocouple of that type
/// gives at a temperature with its reference junction at 0 degC, and the inverse. Deviation functions are fitted
/// against it; types other than K are added to <see cref="ThermocoupleReferences"/>.
/// </summary>
public interface IThermocoupleReference
{
    /// <summary>The type letter the rig file names ("K").</summary>
    string Type { get; }

    /// <summary>The temperature range of the reference function, degC.</summary>
    double MinimumCelsius { get; }

    double MaximumCelsius { get; }

    /// <summary>E(t) in mV, reference junction at 0 degC.</summary>
    double EmfMillivolts(double celsius);

    /// <summary>dE/dt in mV/K (the Seebeck coefficient), to carry an EMF into kelvin.</summary>
    double SeebeckMillivoltsPerKelvin(double celsius);

    /// <summary>t(E) in degC, the inverse of <see cref="EmfMillivolts"/>.</summary>
    double Celsius(double emfMillivolts);
}
