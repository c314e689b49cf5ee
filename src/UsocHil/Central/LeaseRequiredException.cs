using UsocHil.Sequencing;

namespace UsocHil.Central;

/// <summary>A run at a federated station refused before anything is powered: its operator holds no lease on the rig.</summary>
public sealed class LeaseRequiredException(string message) : RunRefusedException(message);
