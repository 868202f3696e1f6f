#pragma once

#include <QString>

/**
 * @brief A problem found in a script (a syntax error, a failed test run), shown on its line by CodeEditor.
 */
struct Diagnostic
{
    int line; ///< 1-based line number
    int column; ///< 1-based column; 1 when only the line is known
    QString message; ///< what is wrong, in a sentence

    bool operator==(const Diagnostic &other) const
    {
        return line == other.line && column == other.column && message == other.message;
    }
};
