#include "JavaScriptHighlighter.h"

#include "ui/editor/EditorColors.h"
#include "ui/shell/Theme.h"

#include <QGuiApplication>
#include <QPalette>
#include <QStringList>

namespace {

using State = JavaScriptHighlighter::State;

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

bool isIdentifierPart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

/// Where the comment or template literal @p state ends in @p text, searching from @p from: the position
/// after its closing mark, or -1 when it goes on past the line.
int spanEnd(const QString &text, int from, State state)
{
    if (state == State::BlockComment) {
        const auto at = text.indexOf(QLatin1String("*/"), from);
        return at < 0 ? -1 : static_cast<int>(at) + 2;
    }
    for (int i = from; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == QLatin1Char('`'))
            return i + 1;
    }
    return -1;
}

/// Where the string opened by the quote at @p from ends: after its closing quote, or at the end of the line.
int stringEnd(const QString &text, int from)
{
    const QChar quote = text.at(from);
    for (int i = from + 1; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == quote)
            return i + 1;
    }
    return static_cast<int>(text.size());
}

/// Where the number at @p from ends (decimal, hexadecimal, with separators, exponent or BigInt suffix).
int numberEnd(const QString &text, int from)
{
    const bool hex = QStringView(text).mid(from, 2).compare(QLatin1String("0x"), Qt::CaseInsensitive) == 0;
    int i = from;
    while (i < text.size()) {
        const QChar c = text.at(i);
        const bool exponentSign = !hex && (c == QLatin1Char('+') || c == QLatin1Char('-'))
            && (text.at(i - 1) == QLatin1Char('e') || text.at(i - 1) == QLatin1Char('E'));
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('_') && !exponentSign)
            break;
        ++i;
    }
    return i;
}

QTextCharFormat colored(const char *color, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(QColor(QLatin1String(color)));
    format.setFontItalic(italic);
    return format;
}

} // namespace

JavaScriptHighlighter::JavaScriptHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_scheme(schemeFor(QGuiApplication::palette()))
{
    updateFormats();
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        setScheme(schemeFor(QGuiApplication::palette()));
    });
}

void JavaScriptHighlighter::setScheme(Scheme scheme)
{
    if (scheme == m_scheme)
        return;
    m_scheme = scheme;
    updateFormats();
    rehighlight();
}

JavaScriptHighlighter::Scheme JavaScriptHighlighter::schemeFor(const QPalette &palette)
{
    return EditorColors::isDark(palette) ? Scheme::Dark : Scheme::Light;
}

void JavaScriptHighlighter::updateFormats()
{
    // Tailwind's violet, amber, emerald and slate: at least 4.5:1 on the editor's background in each look.
    const bool dark = m_scheme == Scheme::Dark;
    m_formats[static_cast<size_t>(Token::Keyword)] = colored(dark ? "#c4b5fd" : "#6d28d9");
    m_formats[static_cast<size_t>(Token::Number)] = colored(dark ? "#fdba74" : "#b45309");
    m_formats[static_cast<size_t>(Token::String)] = colored(dark ? "#6ee7b7" : "#047857");
    m_formats[static_cast<size_t>(Token::Comment)] = colored(dark ? "#8b95a7" : "#6b7280", true);
}

bool JavaScriptHighlighter::isKeyword(QStringView word)
{
    static const QStringList keywords = {
        QStringLiteral("async"),   QStringLiteral("await"),     QStringLiteral("break"),
        QStringLiteral("case"),    QStringLiteral("catch"),     QStringLiteral("class"),
        QStringLiteral("const"),   QStringLiteral("continue"),  QStringLiteral("debugger"),
        QStringLiteral("default"), QStringLiteral("delete"),    QStringLiteral("do"),
        QStringLiteral("else"),    QStringLiteral("export"),    QStringLiteral("extends"),
        QStringLiteral("false"),   QStringLiteral("finally"),   QStringLiteral("for"),
        QStringLiteral("from"),    QStringLiteral("function"),  QStringLiteral("if"),
        QStringLiteral("import"),  QStringLiteral("in"),        QStringLiteral("instanceof"),
        QStringLiteral("let"),     QStringLiteral("new"),       QStringLiteral("null"),
        QStringLiteral("of"),      QStringLiteral("return"),    QStringLiteral("static"),
        QStringLiteral("super"),   QStringLiteral("switch"),    QStringLiteral("this"),
        QStringLiteral("throw"),   QStringLiteral("true"),      QStringLiteral("try"),
        QStringLiteral("typeof"),  QStringLiteral("undefined"), QStringLiteral("var"),
        QStringLiteral("void"),    QStringLiteral("while"),     QStringLiteral("yield"),
    };
    return keywords.contains(word);
}

void JavaScriptHighlighter::highlightBlock(const QString &text)
{
    const int length = static_cast<int>(text.size());
    State state = previousBlockState() < 0 ? State::Code : static_cast<State>(previousBlockState());
    int i = 0;
    if (state != State::Code) {
        const int end = spanEnd(text, 0, state);
        const Token token = state == State::BlockComment ? Token::Comment : Token::String;
        setFormat(0, end < 0 ? length : end, tokenFormat(token));
        if (end < 0) {
            setCurrentBlockState(static_cast<int>(state));
            return;
        }
        state = State::Code;
        i = end;
    }

    while (i < length) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < length ? text.at(i + 1) : QChar();
        int end = i + 1;
        if (c == QLatin1Char('/') && next == QLatin1Char('/')) {
            setFormat(i, length - i, tokenFormat(Token::Comment));
            break;
        }
        if ((c == QLatin1Char('/') && next == QLatin1Char('*')) || c == QLatin1Char('`')) {
            const State opened = c == QLatin1Char('`') ? State::Template : State::BlockComment;
            end = spanEnd(text, c == QLatin1Char('`') ? i + 1 : i + 2, opened);
            if (end < 0) {
                state = opened;
                end = length;
            }
            setFormat(
                i, end - i, tokenFormat(opened == State::BlockComment ? Token::Comment : Token::String));
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            end = stringEnd(text, i);
            setFormat(i, end - i, tokenFormat(Token::String));
        } else if (c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) {
            end = numberEnd(text, i);
            setFormat(i, end - i, tokenFormat(Token::Number));
        } else if (isIdentifierStart(c)) {
            while (end < length && isIdentifierPart(text.at(end)))
                ++end;
            // A property such as promise.catch or options.default is no keyword.
            const bool property = i > 0 && text.at(i - 1) == QLatin1Char('.');
            if (!property && isKeyword(QStringView(text).mid(i, end - i)))
                setFormat(i, end - i, tokenFormat(Token::Keyword));
        }
        i = end;
    }
    setCurrentBlockState(static_cast<int>(state));
}
