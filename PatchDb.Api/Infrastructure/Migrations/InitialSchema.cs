using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand (no EF design-time tooling here). MigrationSchemaTests checks that it builds exactly the schema
// EF derives from the model, so a model change without a migration fails a test.
[DbContext(typeof(PatchDbContext))]
[Migration("20261122020000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE blobs (
                sha256 character varying(64) NOT NULL,
                length bigint NOT NULL,
                content_type character varying(100) NOT NULL,
                reference_count integer NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_blobs" PRIMARY KEY (sha256),
                CONSTRAINT ck_blobs_reference_count CHECK (reference_count > 0)
            );
            CREATE TABLE users (
                id uuid NOT NULL,
                username character varying(64) NOT NULL,
                normalized_username character varying(64) NOT NULL,
                password_hash text NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_users" PRIMARY KEY (id)
            );
            CREATE TABLE groups (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                is_favorite boolean NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_groups" PRIMARY KEY (id),
                CONSTRAINT "FK_groups_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE TABLE images (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                group_id uuid,
                original_sha256 character varying(64) NOT NULL,
                thumbnail_sha256 character varying(64),
                square_sha256 character varying(64),
                width integer,
                height integer,
                format character varying(16),
                status integer NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_images" PRIMARY KEY (id),
                CONSTRAINT "FK_images_blobs_original_sha256" FOREIGN KEY (original_sha256) REFERENCES blobs (sha256) ON DELETE RESTRICT,
                CONSTRAINT "FK_images_blobs_square_sha256" FOREIGN KEY (square_sha256) REFERENCES blobs (sha256) ON DELETE RESTRICT,
                CONSTRAINT "FK_images_blobs_thumbnail_sha256" FOREIGN KEY (thumbnail_sha256) REFERENCES blobs (sha256) ON DELETE RESTRICT,
                CONSTRAINT "FK_images_groups_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE RESTRICT,
                CONSTRAINT "FK_images_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE TABLE embeddings (
                image_id uuid NOT NULL,
                model_id character varying(100) NOT NULL,
                vector real[] NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_embeddings" PRIMARY KEY (image_id, model_id),
                CONSTRAINT "FK_embeddings_images_image_id" FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
            );
            CREATE TABLE pending_analyses (
                image_id uuid NOT NULL,
                attempts integer NOT NULL,
                next_attempt_at timestamp with time zone NOT NULL,
                last_error text,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_pending_analyses" PRIMARY KEY (image_id),
                CONSTRAINT "FK_pending_analyses_images_image_id" FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
            );
            CREATE INDEX "IX_embeddings_model_id" ON embeddings (model_id);
            CREATE INDEX "IX_groups_user_id" ON groups (user_id);
            CREATE INDEX "IX_images_group_id" ON images (group_id);
            CREATE INDEX "IX_images_original_sha256" ON images (original_sha256);
            CREATE INDEX "IX_images_square_sha256" ON images (square_sha256);
            CREATE INDEX "IX_images_thumbnail_sha256" ON images (thumbnail_sha256);
            CREATE INDEX "IX_images_user_id_group_id" ON images (user_id, group_id);
            CREATE INDEX "IX_pending_analyses_next_attempt_at" ON pending_analyses (next_attempt_at);
            CREATE UNIQUE INDEX "IX_users_normalized_username" ON users (normalized_username);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE pending_analyses, embeddings, images, groups, users, blobs;");
    }
}
