namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// Five-fold 20 % hold-out outcome at the gallery-calibrated threshold. <see cref="Recall1"/> / <see cref="Recall5"/>
/// count a known design's query only when its group clears the threshold (what the Api returns: groups below it are
/// not listed); the decision accuracies count held-out designs' queries right when nothing clears it.
/// </summary>
public sealed record HoldOutResult(double Accuracy, double KnownAccuracy, double NewAccuracy, double Recall1, double Recall5, double MeanThreshold);
