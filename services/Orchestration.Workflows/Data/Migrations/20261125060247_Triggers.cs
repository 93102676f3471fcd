using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class Triggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "triggers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    definition_version_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    activity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triggers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_triggers_definition_id",
                table: "triggers",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_triggers_due",
                table: "triggers",
                columns: new[] { "kind", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_triggers_kind_key",
                table: "triggers",
                columns: new[] { "kind", "key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "triggers");
        }
    }
}
