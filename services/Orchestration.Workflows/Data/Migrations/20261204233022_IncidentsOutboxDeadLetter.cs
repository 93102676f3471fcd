using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsOutboxDeadLetter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dead_lettered_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "incidents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "activity");

            migrationBuilder.AddColumn<string>(
                name: "MessageBody",
                table: "incidents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MessageId",
                table: "incidents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageType",
                table: "incidents",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "incidents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "incidents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "incidents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "incidents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_dead_lettered",
                table: "outbox_messages",
                column: "dead_lettered_at",
                filter: "dead_lettered_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_MessageId",
                table: "incidents",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_TenantId_ResolvedAt",
                table: "incidents",
                columns: new[] { "TenantId", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_dead_lettered",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "IX_incidents_MessageId",
                table: "incidents");

            migrationBuilder.DropIndex(
                name: "IX_incidents_TenantId_ResolvedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "dead_lettered_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "MessageBody",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "MessageType",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "incidents");
        }
    }
}
