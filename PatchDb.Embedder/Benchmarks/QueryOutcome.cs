namespace PatchDb.Embedder.Benchmarks;

/// <summary>How one query ranked: 1-based rank of its design (int.MaxValue when not enrolled) and the scores involved.</summary>
public sealed record QueryOutcome(BenchPhoto Query, int Rank, float CorrectScore, float BestWrongScore, string TopDesign, float TopScore);
