using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionTenancyTimerAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_definitions_DefinitionId_Version",
                table: "workflow_definitions");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "workflow_definitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "workflow_definitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tenant_id",
                table: "triggers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "bookmarks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "bookmarks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_workflow_definitions_TenantId_DefinitionId_Version",
                table: "workflow_definitions",
                columns: new[] { "TenantId", "DefinitionId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_definitions_TenantId_DefinitionId_Version",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "tenant_id",
                table: "triggers");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "bookmarks");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_definitions_DefinitionId_Version",
                table: "workflow_definitions",
                columns: new[] { "DefinitionId", "Version" },
                unique: true);
        }
    }
}
