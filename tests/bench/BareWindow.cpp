// bench_bare_window: the floor for bench_startup. An empty QMainWindow at authdeck's default size,
// shown, then quit on the first turn of the event loop, exactly as authdeck --quit-when-shown does.

#include <QApplication>
#include <QMainWindow>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 820);
    window.show();
    QTimer::singleShot(0, &app, &QApplication::quit);
    return app.exec();
}
