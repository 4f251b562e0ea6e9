// The forms regions really have, made by the end-to-end tests from `nara synth`'s canonical
// output: the patient register's PAR form of episodes.csv, and coordination.csv keyed by patient
// as a discharge-planning system exports it.
#pragma once

#include <string>
#include <vector>

namespace nara::e2e {

// The fields of one line split at `delimiter` (no quoting: synth writes none).
std::vector<std::string> SplitLine(const std::string& line, char delimiter);

// UTF-8 to Windows-1252 for the Latin-1 letters synth writes (å, ä, ö, é ...); fails the test on
// anything else outside ASCII.
std::string ToWindows1252(const std::string& text);

// The canonical episodes.csv as synth writes it, rewritten in the PAR form: LopNr (the same
// identity text), KON 1/2, ALDER, LAN and KOMMUN split, SJUKHUS, MVO, INDATUM/UTDATUM as YYYYMMDD
// (no time), PVARD 1 planned / 2 unplanned, INSATT/UTSATT codes, HDIA, DIA1-DIA3; `;`,
// Windows-1252, CRLF. No episode_id: Nära derives one. PAR has no clinic, care type (derived
// from MVO), birth date (from the identity number) or health centre column.
std::string ToParForm(const std::string& canonical);

// The canonical coordination.csv keyed by patient instead of episode_id (each event's patient
// taken from the canonical `episodes`), with Swedish column names and `;`, as a planning system
// exports it.
std::string CoordinationByPatient(const std::string& episodes, const std::string& coordination);

// `csv` with header column `from` renamed `to` (delimiter `,`).
std::string RenameColumn(const std::string& csv, const std::string& from, const std::string& to);

}  // namespace nara::e2e
