import Hummingbird

extension FormBody {
    /// The request's query string read as a form: what a browser's `GET` form sends is
    /// `application/x-www-form-urlencoded`, where `+` is a space. Hummingbird's
    /// `queryParameters` decodes only percent escapes, so the search form's `q=a+b` was searched
    /// as the one word "a+b". A `+` meant as such arrives as `%2B` (as `URLQuery` writes it).
    init(queryOf request: Request) {
        self.init(request.uri.query ?? "")
    }
}
