using Microsoft.Extensions.Configuration;
using PatchDb.Api.Options;

namespace PatchDb.Tests.Api;

public sealed class AuxiliaryModelOptionsTests
{
    [Fact]
    public void By_default_only_the_whole_photo_embedding_widens_the_shortlist()
    {
        Assert.Equal(["r18-gem-v1"], Bind([]).AuxiliaryModels);
    }

    [Fact]
    public void Configuration_adds_the_visual_words_whether_it_lists_the_models_in_full_or_only_the_new_one()
    {
        // The configuration binder appends to a list that has a default: both spellings give the same two models.
        var full = Bind(new() { ["Recognition:AuxiliaryModels:0"] = "r18-gem-v1", ["Recognition:AuxiliaryModels:1"] = "sift-words-v1" });
        var added = Bind(new() { ["Recognition:AuxiliaryModels:1"] = "sift-words-v1" });

        Assert.Equal(["r18-gem-v1", "sift-words-v1"], full.AuxiliaryModels.Distinct());
        Assert.Equal(["r18-gem-v1", "sift-words-v1"], added.AuxiliaryModels.Distinct());
        Assert.True(added.IsAuxiliary("sift-words-v1"));
    }

    private static RecognitionOptions Bind(Dictionary<string, string?> values)
    {
        var options = new RecognitionOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(RecognitionOptions.SectionName).Bind(options);
        return options;
    }
}
