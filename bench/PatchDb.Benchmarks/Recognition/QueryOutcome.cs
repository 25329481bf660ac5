namespace PatchDb.Benchmarks.Recognition;

/// <summary>What PatchDb answered for one query photo: the groups it returned (best first) with their scores.</summary>
/// <param name="CorrectGroup">The group enrolled for the query's design; null when the design was held out.</param>
/// <param name="Ranked">Every group returned, best first: the matches, then the candidates below the threshold.</param>
/// <param name="Matched">How many of <paramref name="Ranked"/> are matches (at or above PatchDb's threshold).</param>
public sealed record QueryOutcome(
    string Category,
    string? CorrectGroup,
    IReadOnlyList<(string GroupId, double Score)> Ranked,
    int Matched,
    TimeSpan Latency)
{
    /// <summary>1-based rank of the correct group; a wrong group with an equal score ranks ahead of it; null = missing.</summary>
    public int? Rank
    {
        get
        {
            if (CorrectGroup is null || Ranked.FirstOrDefault(r => r.GroupId == CorrectGroup) is not { GroupId: not null } correct)
            {
                return null;
            }

            return 1 + Ranked.Count(r => r.GroupId != CorrectGroup && r.Score >= correct.Score);
        }
    }

    /// <summary>Correct group's score minus the best wrong group's, when both were returned.</summary>
    public double? Margin
    {
        get
        {
            var correct = Ranked.Where(r => r.GroupId == CorrectGroup).Select(r => (double?)r.Score).FirstOrDefault();
            var wrong = Ranked.Where(r => r.GroupId != CorrectGroup).Select(r => (double?)r.Score).DefaultIfEmpty().Max();
            return correct is { } c && wrong is { } w ? c - w : null;
        }
    }

    /// <summary>The correct group is returned and strictly above every wrong group returned: with one score for
    /// every group returned, this equals rank 1 (ties count against); reported for the protocol's sake.</summary>
    public bool Separated => Rank == 1;

    /// <summary>Known design: the top group is right and is a match (above the threshold). Held-out design: nothing
    /// matched ("new design"), whatever the candidates.</summary>
    public bool DecisionCorrect => CorrectGroup is null ? Matched == 0 : Rank == 1 && Matched > 0;
}
