using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class ImageFeaturesConfiguration : IEntityTypeConfiguration<ImageFeatures>
{
    public void Configure(EntityTypeBuilder<ImageFeatures> builder)
    {
        builder.ToTable("local_features");
        builder.HasKey(f => f.ImageId);
        builder.HasOne<Image>().WithOne().HasForeignKey<ImageFeatures>(f => f.ImageId).OnDelete(DeleteBehavior.Cascade);
    }
}
