// How one value is written in each output dialect: the contract's canonical form, or the
// register style of PAR extracts (YYYYMMDD dates, 10-digit identity numbers, numeric codes,
// Swedish words). Appends to a row buffer without allocating.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.hpp"
#include "synth/generator.hpp"
#include "synth/patient_model.hpp"
#include "synth/region.hpp"

namespace nara::synth {

// Immutable after construction; thread-compatible.
class RowFormat {
 public:
  // `created` decides the '+' of identity numbers of people aged 100 or more (register dialect).
  RowFormat(Dialect dialect, const Region& region, Date created);

  bool register_dialect() const { return register_; }
  char delimiter() const { return delimiter_; }

  // `2019-03-01` or `20190301`.
  void AppendDate(std::string& out, Date date) const;
  // `2019-03-01 12:01` in both dialects (coordination systems give minutes).
  static void AppendDateTime(std::string& out, DateTime at);
  // A stay's admission or discharge: a date-time, or in the register dialect a date.
  void AppendStayTime(std::string& out, DateTime at) const;
  // `YYYYMMDDNNNC`, or `YYMMDD-NNNC` (`+` from the year the person turns 100).
  void AppendPatient(std::string& out, const Person& person) const;
  // The 4-digit municipality of residence.
  void AppendMunicipality(std::string& out, const Person& person) const;
  // LKF: municipality + 2 digits (register dialect's episodes).
  void AppendLkf(std::string& out, const Person& person) const;
  // ICD-10-SE code; the register dialect drops the dot (`I509`).
  void AppendDiagnosis(std::string& out, const char* code) const;

  std::string_view Sex(bool male) const;
  std::string_view AdmissionKind(bool acute) const;
  std::string_view PlaceCode(Place place) const;
  std::string_view EventName(EventKind kind) const;
  std::string_view Level(ContactLevel level) const;
  std::string_view Kind(ContactKind kind) const;
  std::string_view ProfessionName(Profession profession) const;
  std::string_view YesNo(bool yes) const;
  std::string_view Step(WaitStep step) const;

  // Fixed-width decimal with leading zeros, e.g. ids `V0000001234`.
  static void AppendPadded(std::string& out, int64_t value, int width);
  static void AppendInt(std::string& out, int64_t value);

 private:
  bool register_;
  char delimiter_;
  const Region& region_;
  int created_year_;
};

}  // namespace nara::synth
