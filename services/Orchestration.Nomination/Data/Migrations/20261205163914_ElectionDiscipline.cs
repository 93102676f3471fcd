using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class ElectionDiscipline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "elections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_elections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "election_pledges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ElectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    DocumentReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_election_pledges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_election_pledges_elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warning_cards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ElectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HolderRole = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcknowledgedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_cards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warning_cards_elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_election_pledges_ElectionId_CadreId",
                table: "election_pledges",
                columns: new[] { "ElectionId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_elections_TenantId_StartsOn",
                table: "elections",
                columns: new[] { "TenantId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_warning_cards_ElectionId_HolderId",
                table: "warning_cards",
                columns: new[] { "ElectionId", "HolderId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "election_pledges");

            migrationBuilder.DropTable(
                name: "warning_cards");

            migrationBuilder.DropTable(
                name: "elections");
        }
    }
}
