// File: lib/value/json_string.h
//
// AppendJsonString: appends `s` as a quoted JSON string with the escapes JSON requires
// (quote, backslash, control characters); UTF-8 passes through unchanged. Shared by the wire JSON
// writer (lib/api/json) and ToDebugString.
#ifndef DYNAROCK_LIB_VALUE_JSON_STRING_H_
#define DYNAROCK_LIB_VALUE_JSON_STRING_H_

#include <string>
#include <string_view>

namespace dynarock::value {

void AppendJsonString(std::string_view s, std::string* out);

}  // namespace dynarock::value

#endif  // DYNAROCK_LIB_VALUE_JSON_STRING_H_
