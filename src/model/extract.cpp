// Memory accounting of the columnar extract.
#include "model/extract.hpp"

namespace nara::model {
namespace {

template <typename T>
size_t Bytes(const std::vector<T>& column) {
  return column.capacity() * sizeof(T);
}

// Every column but the first (the patient or stay key, which the loader fills from its index).
template <typename Table>
void ReserveColumns(Table& table, size_t rows) {
  const void* key = &std::get<0>(table.Columns());
  ForEachColumn(table.Columns(), [rows, key](auto& column) {
    if (static_cast<const void*>(&column) != key) column.reserve(rows);
  });
}

template <typename Table>
size_t ColumnBytes(const Table& table) {
  size_t bytes = 0;
  ForEachColumn(table.Columns(), [&bytes](const auto& column) { bytes += Bytes(column); });
  return bytes;
}

}  // namespace

void Stays::Reserve(size_t rows) { ReserveColumns(*this, rows); }
void Events::Reserve(size_t rows) { ReserveColumns(*this, rows); }
void Contacts::Reserve(size_t rows) { ReserveColumns(*this, rows); }
void Waits::Reserve(size_t rows) { ReserveColumns(*this, rows); }

size_t Extract::MemoryBytes() const {
  size_t bytes = 0;
  bytes += Bytes(patients.pseudonym) + Bytes(patients.sex) + Bytes(patients.birth_date);
  bytes += ColumnBytes(stays) + Bytes(stays.event_begin);
  bytes += ColumnBytes(events) + ColumnBytes(contacts) + ColumnBytes(waits);
  bytes += Bytes(population) + Bytes(enrollments);
  bytes += episode_ids.MemoryBytes() + units.MemoryBytes() + diagnoses.MemoryBytes() +
           programmes.MemoryBytes();
  return bytes;
}

}  // namespace nara::model
