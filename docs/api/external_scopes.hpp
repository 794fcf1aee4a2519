// For Doxygen only (docs/api/Doxyfile), never compiled: the namespaces of the
// class templates ctql specialises (fmt::formatter, std::tuple_size,
// std::tuple_element). Without them Doxygen 1.9 reports "Internal
// inconsistency: scope ... not found" for each specialisation.
namespace fmt {
template <class T, class Char, class Enable>
struct formatter;
}
namespace std {
template <class T>
struct tuple_size;
template <std::size_t I, class T>
struct tuple_element;
}
