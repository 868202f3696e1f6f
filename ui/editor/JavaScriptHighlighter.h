#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QPalette;

/**
 * @brief Syntax colours for JavaScript (Auth0 actions): keywords, numbers, strings, template literals and
 * comments.
 *
 * A lexer without regular expressions: block comments and template literals that span lines carry over
 * through the block state. It picks the light or the dark scheme from the application palette, and
 * follows Theme when the look changes.
 */
class JavaScriptHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Scheme
    {
        Light,
        Dark
    };

    /// The kinds of token that get a colour.
    enum class Token
    {
        Keyword,
        Number,
        String,
        Comment
    };

    /// The block states: how a line ends, so that the next one knows where it starts.
    enum class State
    {
        Code = 0, ///< outside any comment or string
        BlockComment = 1, ///< inside a comment opened with slash-star
        Template = 2, ///< inside a template literal opened with a backtick
    };

    explicit JavaScriptHighlighter(QTextDocument *document);

    Scheme scheme() const { return m_scheme; }
    /// Switches to @p scheme and colours the document again.
    void setScheme(Scheme scheme);
    /// The scheme that suits @p palette: dark when its window is dark.
    static Scheme schemeFor(const QPalette &palette);

    /// The format used for @p token in the current scheme.
    const QTextCharFormat &tokenFormat(Token token) const { return m_formats.at(static_cast<size_t>(token)); }

    /// Whether @p word is a keyword (or a literal such as true, null or this).
    static bool isKeyword(QStringView word);

protected:
    void highlightBlock(const QString &text) override;

private:
    void updateFormats();

    Scheme m_scheme;
    std::array<QTextCharFormat, 4> m_formats; ///< by Token
};
