namespace UsocHil.FirmwareSim.Modelled;

/// <summary>One line of a model-driven emulator's truth file: the supply and every signal of the model, by name.</summary>
public sealed record ModelTruthRecord(double RigSeconds, int SerialNumber, bool SupplyOutputOn, double SupplyVolts, double SupplyAmperes, IReadOnlyDictionary<string, double> Signals);
