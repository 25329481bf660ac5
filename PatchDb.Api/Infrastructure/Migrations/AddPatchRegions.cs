using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand, like InitialSchema; MigrationSchemaTests compares the result with the model.
[DbContext(typeof(PatchDbContext))]
[Migration("20261202090000_AddPatchRegions")]
public sealed class AddPatchRegions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Images analysed before this migration have no patch region until a re-index analyses them again.
        migrationBuilder.Sql("""
            ALTER TABLE images ADD patch_box integer[];
            ALTER TABLE images ADD patch_outline double precision[];
            ALTER TABLE images ADD patch_confidence double precision;
            ALTER TABLE images ADD patch_confident boolean;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE images DROP COLUMN patch_confident;
            ALTER TABLE images DROP COLUMN patch_confidence;
            ALTER TABLE images DROP COLUMN patch_outline;
            ALTER TABLE images DROP COLUMN patch_box;
            """);
    }
}
