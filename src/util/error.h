#pragma once
// Every failure a person can cause (a bad file, a damaged model, a wrong option) is reported by
// throwing qrs::Error with a message that names the thing and the problem, e.g.
//   "1.hea: line 3: gain '0x(6)/mV' is not a number".
// Programming errors (broken invariants) may still assert. The Embind glue and the CLI catch
// qrs::Error (and std::exception) and show what() verbatim, so write messages for people.
#include <stdexcept>
#include <string>

namespace qrs {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace qrs
