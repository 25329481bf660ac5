namespace PatchDb.Embedder.Models.Classic;

/// <summary>What <see cref="LeakedOutlineRepair"/> saw: how much of the edge cluster's hull the fill (and what survived
/// cutting thin parts) covered, the candidate outline and the fraction of that outline's perimeter on edges.</summary>
public sealed record OutlineRepairAssessment(double FillRatio, IReadOnlyList<(double X, double Y)> Outline, double Support);
