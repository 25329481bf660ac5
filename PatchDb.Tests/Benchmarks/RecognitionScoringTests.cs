using PatchDb.Benchmarks.Recognition;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Benchmarks;

public sealed class RecognitionScoringTests
{
    [Fact]
    public void A_tie_with_a_wrong_group_counts_against_the_correct_one()
    {
        var tie = Outcome("A", ("B", 0.9), ("A", 0.9), ("C", 0.5));
        var clear = Outcome("A", ("A", 0.95), ("B", 0.9));

        Assert.Equal(2, tie.Rank);
        Assert.False(tie.Separated);
        Assert.Equal(1, clear.Rank);
        Assert.True(clear.Separated);
        Assert.Equal(0.05, clear.Margin!.Value, 6);
    }

    [Fact]
    public void A_missing_group_has_no_rank_and_a_held_out_design_is_right_only_when_nothing_matches()
    {
        Assert.Null(Outcome("A", ("B", 0.9)).Rank);
        Assert.True(Outcome(null).DecisionCorrect);
        Assert.False(Outcome(null, ("B", 0.7)).DecisionCorrect);
    }

    [Fact]
    public void Candidates_below_the_threshold_count_for_the_ranking_but_not_as_a_decision()
    {
        var unsure = Outcome("A", ("A", 0.4), ("B", 0.1));

        Assert.Equal(1, unsure.Rank);
        Assert.False(unsure.DecisionCorrect);
        Assert.True(Outcome(null, ("B", 0.4)).DecisionCorrect);
        Assert.Equal(2, Outcome("A", ("B", 0.6), ("A", 0.3)).Rank);
    }

    [Fact]
    public void The_scorecard_reports_recall_and_mrr()
    {
        var outcomes = new[]
        {
            Outcome("A", ("A", 0.9)),
            Outcome("A", ("B", 0.9), ("A", 0.8)),
            Outcome("A", ("B", 0.9)),
            Outcome(null),
        };

        var table = Scorecard.Render(outcomes);

        // recall@1 1/3, recall@5 2/3, MRR (1 + 1/2 + 0) / 3; decisions 1 of 3 known, 1 of 1 new, 2 of 4 in all.
        Assert.Contains("| known designs | 3 | 0.333 | 0.667 | 0.500 | 0.333 | -0.100 | 0.333 |", table);
        Assert.Contains("| held-out designs (new) | 1 | – | – | – | – | – | 1.000 |", table);
        Assert.Contains("| **all queries** | 4 | – | – | – | – | – | **0.500** |", table);
    }

    [Fact]
    public void Quoted_csv_fields_keep_their_commas_and_quotes()
    {
        Assert.Equal(["a", "b, \"c\"", ""], BenchmarkSplit.ParseCsvLine("a,\"b, \"\"c\"\"\","));
    }

    [Fact]
    public void The_public_split_holds_out_a_fifth_of_its_designs_the_same_way_every_time()
    {
        var split = BenchmarkSplit.Load(RepoPaths.BenchPatches);
        var designs = split.Photos.Where(p => p.Role == "query").Select(p => p.DesignId).Distinct().Count();

        var first = RecognitionBenchmark.HeldOutDesigns(split, 0.2, "1");

        Assert.Equal((int)Math.Round(designs * 0.2), first.Count);
        Assert.Equal(first, RecognitionBenchmark.HeldOutDesigns(split, 0.2, "1"));
        Assert.NotEqual(first, RecognitionBenchmark.HeldOutDesigns(split, 0.2, "2"));
    }

    /// <summary>Scores from 0.5 up are matches, as PatchDb's threshold; the rest are candidates.</summary>
    private static QueryOutcome Outcome(string? correct, params (string, double)[] ranked) =>
        new("flag", correct, ranked, ranked.Count(r => r.Item2 >= 0.5), TimeSpan.FromMilliseconds(100));
}
