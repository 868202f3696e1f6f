// Syntax colours of the script editor: which tokens get which format, the comments and template literals
// that run over several lines, and the light and dark schemes.

#include "ui/editor/JavaScriptHighlighter.h"
#include "ui/shell/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QPlainTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

Q_DECLARE_METATYPE(JavaScriptHighlighter::Token)

namespace {

using Token = JavaScriptHighlighter::Token;

const QList<std::pair<QString, Token>> &tokenNames()
{
    static const QList<std::pair<QString, Token>> names = {
        {QStringLiteral("keyword"), Token::Keyword},
        {QStringLiteral("number"), Token::Number},
        {QStringLiteral("string"), Token::String},
        {QStringLiteral("comment"), Token::Comment},
    };
    return names;
}

/// The token whose format covers @p length characters from @p column of line @p line, or "" when none does.
QString tokenAt(
    const QTextDocument &document, const JavaScriptHighlighter &highlighter, int line, int column, int length)
{
    const QTextBlock block = document.findBlockByNumber(line);
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (range.start > column || range.start + range.length < column + length)
            continue;
        for (const auto &[name, token] : tokenNames()) {
            if (range.format == highlighter.tokenFormat(token))
                return name;
        }
        return QStringLiteral("unknown format");
    }
    return {};
}

/// WCAG 2 contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel
            = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// A document laid out as a QPlainTextEdit lays out its own (without a layout a document reports no
/// changes, so nothing would be highlighted), with the highlighter on it.
struct Highlighted
{
    explicit Highlighted(const QString &code)
    {
        document.setDocumentLayout(new QPlainTextDocumentLayout(&document));
        document.setPlainText(code);
    }

    QTextDocument document;
    JavaScriptHighlighter highlighter {&document};
};

QList<int> blockStates(const QTextDocument &document)
{
    QList<int> states;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        states.append(block.userState());
    return states;
}

} // namespace

class TestJavaScriptHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void tokens_data();
    void tokens();
    void blockCommentSpansLines();
    void unterminatedCommentRunsToTheEnd();
    void templateLiteralSpansLines();
    void schemeFollowsTheme();
    void schemeForPalette();
    void colorsAreReadable_data();
    void colorsAreReadable();
};

void TestJavaScriptHighlighter::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestJavaScriptHighlighter::cleanup()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestJavaScriptHighlighter::tokens_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("text"); // its first occurrence in code
    QTest::addColumn<QString>("token"); // "" for plain text

    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("keyword") << s("const x = 1;") << s("const") << s("keyword");
    QTest::newRow("identifier") << s("const x = 1;") << s("x") << QString();
    QTest::newRow("integer") << s("const x = 1;") << s("1") << s("number");
    QTest::newRow("hexadecimal") << s("n = 0x1F;") << s("0x1F") << s("number");
    QTest::newRow("exponent") << s("n = 1.5e-3;") << s("1.5e-3") << s("number");
    QTest::newRow("digits in a name") << s("v8 = x2;") << s("x2") << QString();
    QTest::newRow("single quotes, escaped quote") << s("s = 'it\\'s';") << s("'it\\'s'") << s("string");
    QTest::newRow("double quotes") << s("s = \"a\" + b;") << s("\"a\"") << s("string");
    QTest::newRow("after a string") << s("s = \"a\" + b;") << s("b") << QString();
    QTest::newRow("keyword in a string") << s("s = \"return\";") << s("return") << s("string");
    QTest::newRow("template literal") << s("t = `hi ${name}`;") << s("`hi ${name}`") << s("string");
    QTest::newRow("line comment") << s("x(); // const y") << s("// const y") << s("comment");
    QTest::newRow("block comment") << s("/* note */ let a;") << s("/* note */") << s("comment");
    QTest::newRow("code after a block comment") << s("/* note */ let a;") << s("let") << s("keyword");
    QTest::newRow("property named like a keyword") << s("p.catch(e => e);") << s("catch") << QString();
    QTest::newRow("keyword inside a name") << s("constant = 1;") << s("constant") << QString();
    QTest::newRow("await") << s("await fetch(u);") << s("await") << s("keyword");
    QTest::newRow("literal") << s("return null;") << s("null") << s("keyword");
    QTest::newRow("division") << s("a = b / c; // half") << s("c") << QString();
}

void TestJavaScriptHighlighter::tokens()
{
    QFETCH(QString, code);
    QFETCH(QString, text);
    QFETCH(QString, token);

    Highlighted highlighted(code);
    QTextDocument &document = highlighted.document;
    const JavaScriptHighlighter &highlighter = highlighted.highlighter;

    const auto column = static_cast<int>(code.indexOf(text));
    QVERIFY(column >= 0);
    QCOMPARE(tokenAt(document, highlighter, 0, column, static_cast<int>(text.size())), token);
}

void TestJavaScriptHighlighter::blockCommentSpansLines()
{
    Highlighted highlighted(QStringLiteral("/* one\nconst two\nthree */ return x;\nlet y;"));
    QTextDocument &document = highlighted.document;
    const JavaScriptHighlighter &highlighter = highlighted.highlighter;

    using State = JavaScriptHighlighter::State;
    const QList<int> inside
        = {int(State::BlockComment), int(State::BlockComment), int(State::Code), int(State::Code)};
    QCOMPARE(blockStates(document), inside);
    QCOMPARE(tokenAt(document, highlighter, 1, 0, 9), QStringLiteral("comment"));
    QCOMPARE(tokenAt(document, highlighter, 2, 0, 8), QStringLiteral("comment"));
    QCOMPARE(tokenAt(document, highlighter, 2, 9, 6), QStringLiteral("keyword"));
    QCOMPARE(tokenAt(document, highlighter, 3, 0, 3), QStringLiteral("keyword"));

    // Removing the opening mark turns the next lines back into code.
    QTextCursor cursor(&document);
    cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, 2);
    cursor.removeSelectedText();
    QCOMPARE(blockStates(document), QList<int>(4, int(State::Code)));
    QCOMPARE(tokenAt(document, highlighter, 1, 0, 5), QStringLiteral("keyword"));
}

void TestJavaScriptHighlighter::unterminatedCommentRunsToTheEnd()
{
    Highlighted highlighted(QStringLiteral("let a; /* open\nconst b = 1;"));
    QTextDocument &document = highlighted.document;
    const JavaScriptHighlighter &highlighter = highlighted.highlighter;

    QCOMPARE(tokenAt(document, highlighter, 0, 0, 3), QStringLiteral("keyword"));
    QCOMPARE(tokenAt(document, highlighter, 0, 7, 7), QStringLiteral("comment"));
    QCOMPARE(tokenAt(document, highlighter, 1, 0, 12), QStringLiteral("comment"));
    QCOMPARE(document.lastBlock().userState(), int(JavaScriptHighlighter::State::BlockComment));
}

void TestJavaScriptHighlighter::templateLiteralSpansLines()
{
    Highlighted highlighted(QStringLiteral("const t = `a\nconst b \\` c\n`; const d;"));
    QTextDocument &document = highlighted.document;
    const JavaScriptHighlighter &highlighter = highlighted.highlighter;

    using State = JavaScriptHighlighter::State;
    QCOMPARE(blockStates(document),
             (QList<int> {int(State::Template), int(State::Template), int(State::Code)}));
    QCOMPARE(tokenAt(document, highlighter, 0, 10, 2), QStringLiteral("string"));
    QCOMPARE(tokenAt(document, highlighter, 1, 0, 11), QStringLiteral("string")); // an escaped backtick
    QCOMPARE(tokenAt(document, highlighter, 2, 0, 1), QStringLiteral("string"));
    QCOMPARE(tokenAt(document, highlighter, 2, 3, 5), QStringLiteral("keyword"));
}

void TestJavaScriptHighlighter::schemeFollowsTheme()
{
    Highlighted highlighted(QStringLiteral("return 1;"));
    QTextDocument &document = highlighted.document;
    const JavaScriptHighlighter &highlighter = highlighted.highlighter;
    const QColor lightKeyword = highlighter.tokenFormat(Token::Keyword).foreground().color();
    QCOMPARE(highlighter.scheme(), JavaScriptHighlighter::Scheme::Light);

    Theme::instance().apply(Theme::Mode::Dark);

    QCOMPARE(highlighter.scheme(), JavaScriptHighlighter::Scheme::Dark);
    const QColor darkKeyword = highlighter.tokenFormat(Token::Keyword).foreground().color();
    QVERIFY(darkKeyword != lightKeyword);
    const QList<QTextLayout::FormatRange> formats = document.firstBlock().layout()->formats();
    QVERIFY(!formats.isEmpty());
    QCOMPARE(formats.first().format.foreground().color(), darkKeyword);

    Theme::instance().apply(Theme::Mode::Light);
    QCOMPARE(highlighter.scheme(), JavaScriptHighlighter::Scheme::Light);
    QCOMPARE(document.firstBlock().layout()->formats().first().format.foreground().color(), lightKeyword);
}

void TestJavaScriptHighlighter::schemeForPalette()
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(QStringLiteral("#f6f7f9")));
    light.setColor(QPalette::WindowText, QColor(QStringLiteral("#1d2433")));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(QStringLiteral("#111318")));
    dark.setColor(QPalette::WindowText, QColor(QStringLiteral("#e6e8ec")));

    QCOMPARE(JavaScriptHighlighter::schemeFor(light), JavaScriptHighlighter::Scheme::Light);
    QCOMPARE(JavaScriptHighlighter::schemeFor(dark), JavaScriptHighlighter::Scheme::Dark);
}

void TestJavaScriptHighlighter::colorsAreReadable_data()
{
    QTest::addColumn<Theme::Mode>("mode");
    QTest::addColumn<Token>("token");

    for (const Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        for (const auto &[name, token] : tokenNames())
            QTest::addRow("%s %s", qPrintable(Theme::modeKey(mode)), qPrintable(name)) << mode << token;
    }
}

void TestJavaScriptHighlighter::colorsAreReadable()
{
    QFETCH(Theme::Mode, mode);
    QFETCH(Token, token);

    Theme::instance().apply(mode);
    QTextDocument document;
    JavaScriptHighlighter highlighter(&document);

    const QColor background = QApplication::palette().color(QPalette::Base);
    const QColor foreground = highlighter.tokenFormat(token).foreground().color();
    const double ratio = contrast(foreground, background);
    QVERIFY2(
        ratio >= 4.5,
        qPrintable(
            QStringLiteral("contrast %1 of %2 on %3").arg(ratio).arg(foreground.name(), background.name())));
}

QTEST_MAIN(TestJavaScriptHighlighter)

#include "TestJavaScriptHighlighter.moc"
